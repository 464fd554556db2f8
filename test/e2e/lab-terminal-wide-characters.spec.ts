// Japanese in the lab terminal keeps to the character grid: every wide character spans two cells,
// so a line ends where the shell (glibc's wcwidth, via `wc -L`) says it does and nothing runs past
// the right edge. Positions are read from the drawn rows; the cell counts come from the shell.
import type { Page } from '@playwright/test';
import { test, expect, openLab, typeLine, terminalText } from './lab-fixture.ts';
import { inkOf } from './screenshot-ink.ts';

test.use({ viewport: { width: 1280, height: 720 } });

interface Glyph {
  char: string;
  left: number;
  right: number;
}

async function useJapanese(page: Page): Promise<void> {
  const languages = page.getByTestId('lang-switch');
  if ((await languages.evaluate((el) => el.tagName)) === 'SELECT') await languages.selectOption('ja');
  else await languages.locator('[data-locale="ja"]').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await page.getByTestId('terminal').click();
}

/** The terminal rows as text, top to bottom. */
async function rows(page: Page): Promise<string[]> {
  return (await terminalText(page)).split('\n');
}

/** Waits for a row that `matches` and returns its index. */
async function rowIndex(page: Page, matches: (row: string) => boolean): Promise<number> {
  await expect.poll(async () => (await rows(page)).findIndex(matches)).toBeGreaterThanOrEqual(0);
  return (await rows(page)).findIndex(matches);
}

/** Where each character of terminal row `index` is drawn, left to right (layout boxes, letter-spacing included). */
async function glyphsOfRow(page: Page, index: number): Promise<Glyph[]> {
  return page.locator('.xterm-rows > div').nth(index).evaluate((row) => {
    const glyphs: Glyph[] = [];
    const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (let offset = 0; offset < text.length; ) {
        const char = String.fromCodePoint(text.codePointAt(offset)!);
        const range = document.createRange();
        range.setStart(node, offset);
        range.setEnd(node, offset + char.length);
        const box = range.getBoundingClientRect();
        glyphs.push({ char, left: box.left, right: box.right });
        offset += char.length;
      }
    }
    return glyphs;
  });
}

/** Pixels brighter than the terminal's background inside `box` of the page. */
async function inkIn(page: Page, box: { x: number; y: number; width: number; height: number }): Promise<number> {
  return inkOf(page, await page.screenshot({ clip: box }));
}

test('Japanese, full-width punctuation and ASCII in the lab terminal: each character spans whole cells, the line as many as the shell counts', async ({ page, lab }) => {
  await openLab(page, lab);
  await useJapanese(page);
  const lines = [
    // Full-width brackets, commas and colons next to each other: （ after ASCII, ）、 in pairs.
    'ab（良い）、cd（良い）、ef（良い）、gh：ij',
    // Wide since Unicode 9 (glibc counts them two cells; Unicode 6 tables one).
    '入場料🈚（予約🈯）ok',
  ];
  for (const [step, line] of [['default', lines[0]], ['default', lines[1]], ['larger', lines[0]]]) {
    if (step === 'larger') {
      await page.getByTestId('font-larger').click();
      await page.getByTestId('terminal').click();
    }
    // Under the line the shell prints a ruler of "=" as long as `wc -L` counts the line in cells, then "|".
    await typeLine(page, `clear; L='${line}'; printf '%s\\n' "$L"; printf "%$(printf '%s' "$L" | LC_ALL=C.UTF-8 wc -L)s|\\n" '' | tr ' ' '='`);
    const lineRow = await rowIndex(page, (row) => row === line);
    const rulerRow = await rowIndex(page, (row) => /^=+\|$/.test(row));
    const ruler = (await glyphsOfRow(page, rulerRow)).slice(0, -1);
    const cells = ruler.length;
    const cellWidth = (ruler.at(-1)!.right - ruler[0].left) / cells;
    const glyphs = await glyphsOfRow(page, lineRow);
    expect(glyphs.map((glyph) => glyph.char).join('')).toBe(line);

    const spans = glyphs.map((glyph) => `${glyph.char} ${((glyph.right - glyph.left) / cellWidth).toFixed(2)}`);
    for (const glyph of glyphs) {
      const span = (glyph.right - glyph.left) / cellWidth;
      expect(Math.abs(span - Math.round(span)), `${step} font size: ${glyph.char} spans ${span.toFixed(2)} cells in ${line}: ${spans.join(', ')}`).toBeLessThan(0.05);
    }
    expect(glyphs[0].left).toBeCloseTo(ruler[0].left, 0);
    expect(glyphs.at(-1)!.right, `${step} font size: ${line} ends ${((glyphs.at(-1)!.right - ruler.at(-1)!.right) / cellWidth).toFixed(2)} cells off the end of its ${cells} cells`).toBeCloseTo(ruler.at(-1)!.right, 0);
  }
});

test('a Japanese line exactly as wide as the lab terminal stays on one row with its last character drawn inside', async ({ page, lab }) => {
  await openLab(page, lab);
  await useJapanese(page);
  await typeLine(page, 'clear; stty size');
  const sizeRow = await rowIndex(page, (row) => /^\d+ \d+$/.test(row));
  const cols = Number((await rows(page))[sizeRow].split(' ')[1]);

  // Text like the lab's Japanese refusals, filled up to the last column, a protocol version at its end.
  const end = 'SSLv2';
  const pieces = ['サーバーは', '（', '古い', '）', 'TLS ', 'を', '拒否', '、', '：'];
  const cellsOf = (text: string) => [...text].reduce((sum, char) => sum + (char.codePointAt(0)! >= 0x3000 ? 2 : 1), 0);
  let line = '';
  for (let i = 0; cellsOf(line) < cols - end.length; i++) {
    const piece = pieces[i % pieces.length];
    line += cellsOf(line + piece) <= cols - end.length ? piece : '.';
  }
  line += end;

  await typeLine(page, `clear; L='${line}'; printf '%s' "$L" | LC_ALL=C.UTF-8 wc -L; printf '%s\\n' "$L"`);
  // The shell counts the line as wide as the terminal it reported.
  await rowIndex(page, (row) => row === String(cols));
  // The terminal counts it so too (else it would wrap), and draws it up to its last character.
  const lineRow = await rowIndex(page, (row) => row === line);
  const glyphs = await glyphsOfRow(page, lineRow);
  const last = glyphs.at(-1)!;
  const screen = (await page.locator('.xterm-screen').boundingBox())!;
  const rowBox = (await page.locator('.xterm-rows > div').nth(lineRow).boundingBox())!;
  expect(last.char).toBe('2');
  expect(last.right, `the last character ends ${(last.right - (screen.x + screen.width)).toFixed(1)} px past the grid`).toBeLessThanOrEqual(screen.x + screen.width + 0.5);
  expect(last.right).toBeCloseTo(screen.x + screen.width, 0);
  const ink = await inkIn(page, { x: last.left, y: rowBox.y, width: last.right - last.left, height: rowBox.height });
  expect(ink, 'pixels of the last character').toBeGreaterThan(10);
});
