// The Matrix tab as a learner uses it: run the matrix, read a cell, open its run's trace, then
// toggle one thing and see both runs side by side with the first difference; replay and export
// the cell's run (tshark reads the export); in Japanese too.
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import type { Locator, Page } from '@playwright/test';
import config from '../../playwright.config.ts';
import type { ServedLab } from '../support/serve-lab.ts';
import { test, expect, openLab } from './lab-fixture.ts';

// Playwright hides scrollbars in headless Chromium; a learner's window shows them, and so must this test.
test.use({ viewport: { width: 1280, height: 720 }, launchOptions: { ...config.use?.launchOptions, ignoreDefaultArgs: ['--hide-scrollbars'] } });

test('the Matrix tab: every cell from a run, a cell\'s trace, two runs side by side', async ({ page, lab }, testInfo) => {
  test.setTimeout(180_000);
  await openLab(page, lab);
  await page.getByTestId('matrix-tab').click();
  await page.getByTestId('matrix-run').click();
  await expect(page.getByTestId('matrix-table')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('matrix-cell-fake-certificate-dane')).toHaveText('○');
  await expect(page.getByTestId('matrix-cell-fake-certificate-mta-sts')).toHaveText('×');
  await expect(page.getByTestId('matrix-cell-spoofed-receiver-mta-sts')).toHaveText('△');

  await page.getByTestId('matrix-cell-fake-certificate-mta-sts').click();
  await expect(page.getByTestId('matrix-cell-detail')).toContainText('the attacker read the message');
  await expect(page.getByTestId('matrix-run-trace').locator('[role="listbox"]')).toBeVisible();
  // A cell where MTA-STS fails leads to the lab about what it cannot stop.
  await expect(page.getByTestId('matrix-lab')).toContainText('Lab 7');
  await page.screenshot({ path: '/tmp/matrix-en-cell.png' });

  // More room for two ladders: the bottom pane up to most of the window, as a learner would drag it.
  const splitter = page.locator('[role="separator"][aria-orientation="horizontal"]').first();
  if (await splitter.count()) {
    const box = (await splitter.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, 120, { steps: 5 });
    await page.mouse.up();
  }
  await page.locator('input[name="toggle"]').fill('sender.policy=dane');
  await page.getByTestId('matrix-compare').click();
  await expect(page.getByTestId('matrix-headline')).toContainText('RFC 7672 §3', { timeout: 60_000 });
  await expect(page.getByTestId('matrix-headline')).toContainText('DANE');
  // The two runs aligned step by step: shared steps on one row, the first difference marked.
  const steps = page.getByTestId('compare-step');
  await expect(page.locator('[data-testid="compare-step"][data-same="true"]').first()).toBeAttached();
  const first = page.locator('[data-testid="compare-step"][data-first]');
  await expect(first).toHaveCount(1);
  await expect(first).toHaveAttribute('data-same', 'false');
  const rows = await steps.evaluateAll((all) => all.map((row) => ({ same: row.dataset.same === 'true', first: row.dataset.first !== undefined, cells: [...row.querySelectorAll('[role="cell"]')].map((c) => c.textContent!.trim()) })));
  const firstAt = rows.findIndex((r) => !r.same);
  expect(firstAt).toBeGreaterThan(0);
  expect(rows[firstAt].first).toBe(true);
  expect(rows.slice(0, firstAt).every((r) => r.same && r.cells[1] === r.cells[2])).toBe(true);
  // The decision the headline names is marked too, in view: a row only the run with DANE took.
  const explains = page.locator('[data-testid="compare-step"][data-explains]');
  await expect(explains).toHaveCount(1);
  await page.getByTestId('compare-steps').scrollIntoViewIfNeeded();
  await expect(explains).toBeInViewport();
  const why = rows.find((r) => r.cells[0] === '!')!;
  expect(why.cells[1]).toBe('');
  expect(why.cells[2]).toContain('DANE authentication of mx.example.jp failed');
  // Choosing a row selects its event in the ladder of the run that took it.
  await explains.click();
  await expect(page.locator('.sides .side').nth(1).locator('[data-testid="trace-row"][aria-selected="true"]')).toContainText('DANE');
  await page.screenshot({ path: '/tmp/matrix-en-compare.png' });

  // The cell's run replayed in the trace pane, one step at a time.
  await page.getByTestId('matrix-replay').click();
  await expect(page.getByTestId('replay-bar')).toBeVisible();
  const cellRun = page.locator('.trace-pane [data-testid="trace-row"]');
  await expect(cellRun).toHaveCount(1);
  for (let i = 0; i < 3; i++) await page.getByTestId('replay-forward').click();
  await expect(cellRun).toHaveCount(4);
  await page.getByTestId('replay-back').click();
  await expect(cellRun).toHaveCount(3);
  await page.getByTestId('replay-stop').click();

  // The cell's run exported: tshark reads the lab addresses and, with the key log, MAIL FROM inside TLS.
  await page.getByTestId('matrix-export').click();
  await expect(page.getByTestId('matrix-export-files')).toContainText('keys for 2 of 2 TLS sessions');
  const pcap = testInfo.outputPath('cell.pcapng');
  const keylog = testInfo.outputPath('cell-keylog.txt');
  const [pcapFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('matrix-export-pcap').click()]);
  await pcapFile.saveAs(pcap);
  const [keyFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('matrix-export-keylog').click()]);
  await keyFile.saveAs(keylog);
  expect(pcapFile.suggestedFilename()).toMatch(/\.fake-certificate\.mta-sts\.pcapng$/);
  const mail = execFileSync('tshark', ['-r', pcap, '-o', `tls.keylog_file:${keylog}`, '-Y', 'smtp.req.command == "MAIL"', '-T', 'fields', '-e', 'ip.src', '-e', 'ip.dst', '-e', 'smtp.req.parameter'], { encoding: 'utf8', env: { ...process.env, HOME: tmpdir() } });
  expect(mail.trim().split('\t')).toEqual(['198.51.100.25', '192.0.2.25', expect.stringMatching(/^FROM:<alice@sender\.example>/)]);

  await page.getByTestId('lang-switch').locator('[data-locale="ja"]').click();
  await expect(page.getByTestId('matrix-tab')).toContainText('マトリクス');
  await expect(page.getByTestId('matrix-cell-detail')).toContainText('安全でない');
  await expect(page.getByTestId('compare-steps')).toContainText('元の実行');
  await page.getByTestId('compare-steps').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/matrix-ja-compare.png' });

  // The lab that teaches the cell is one click away.
  await page.getByTestId('matrix-lab').click();
  await expect(page.getByTestId('lesson-pane')).toHaveAttribute('data-lab', '07-mta-sts-limits');
});

// The matrix on a classroom projector: at 1280x720, right after the run and at the bottom pane's
// default height, the whole table is in view, no label breaks inside a word, and a chosen cell's
// explanation comes into view without pushing the table out of it.
const LOCALES = ['ja', 'en'] as const;
const REASON = { en: 'the attacker read the message', ja: '攻撃者がメッセージを読んだ' };

async function openIn(page: Page, lab: ServedLab, locale: string, lesson?: string): Promise<void> {
  await page.addInitScript((locale) => {
    localStorage.setItem('smtp-lab.locale', locale);
    localStorage.removeItem('smtp-lab.view');
    localStorage.removeItem('smtp-lab.lesson');
  }, locale);
  const url = new URL(lab.url);
  if (lesson) url.searchParams.set('lab', lesson);
  await page.goto(url.toString());
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'open');
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
}

async function runMatrix(page: Page): Promise<Locator> {
  await page.getByTestId('matrix-tab').click();
  await page.getByTestId('matrix-run').click();
  const table = page.getByTestId('matrix-pane').getByTestId('matrix-table');
  await expect(table).toBeVisible({ timeout: 90_000 });
  return table;
}

/** The labels and cells of the table whose box is not wholly inside the window. */
async function outsideWindow(page: Page, table: Locator): Promise<string[]> {
  const outside: string[] = [];
  const size = page.viewportSize()!;
  for (const part of await table.locator('th, td').all()) {
    const box = await part.boundingBox();
    const name = await part.evaluate((el) => el.querySelector('button')?.dataset.testid ?? el.textContent?.trim());
    if (!box) outside.push(`${name}: not rendered`);
    else if (box.x < 0 || box.y < 0 || box.x + box.width > size.width || box.y + box.height > size.height) outside.push(`${name}: ${JSON.stringify(box)}`);
  }
  return outside;
}

/** Every label and cell in view: inside the window and not hidden by a box that scrolls. */
async function expectWholeTableInView(page: Page, table: Locator): Promise<void> {
  expect(await outsideWindow(page, table)).toEqual([]);
  for (const part of await table.locator('th, td').all()) await expect(part).toBeInViewport({ ratio: 1 });
}

/**
 * Labels of the table broken inside a word: from one line to the next, the break must come at a
 * space or just before an opening bracket ("MTA-STS" / "(enforce)"). Read from the line box of
 * every rendered character, so it holds whatever CSS or markup does the breaking; a label wider
 * than its cell counts too.
 */
function brokenLabels(table: Locator): Promise<string[]> {
  return table.evaluate((table) => {
    const problems: string[] = [];
    for (const label of table.querySelectorAll('th')) {
      const chars: { char: string; top: number }[] = [];
      const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (let i = 0; i < text.length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = [...range.getClientRects()].find((r) => r.width > 0);
          if (rect && !/\s/.test(text[i])) chars.push({ char: text[i], top: rect.top });
          else if (/\s/.test(text[i])) chars.push({ char: ' ', top: NaN });
        }
      }
      const whole = chars.map((c) => c.char).join('').trim();
      let previous: { char: string; top: number } | null = null;
      let spaceBetween = false;
      for (const c of chars) {
        if (c.char === ' ') {
          spaceBetween = true;
          continue;
        }
        if (previous && c.top > previous.top + 2 && !spaceBetween && !'(（'.includes(c.char)) {
          problems.push(`"${whole}" breaks between "${previous.char}" and "${c.char}"`);
        }
        previous = c;
        spaceBetween = false;
      }
      if (label.scrollWidth > label.clientWidth + 1) problems.push(`"${whole}" is wider than its cell`);
    }
    return problems;
  });
}

for (const locale of LOCALES) {
  test(`1280x720 ${locale}: the whole matrix in view after the run, its labels whole, a cell's reason beside it`, async ({ page, lab }) => {
    test.setTimeout(120_000);
    await openIn(page, lab, locale);
    const table = await runMatrix(page);
    await page.screenshot({ path: `/tmp/matrix-layout-${locale}-run.png` });
    await expectWholeTableInView(page, table);
    expect(await brokenLabels(table)).toEqual([]);
    // A label shown on two lines keeps its full name as its tooltip and accessible name.
    const enforce = locale === 'en' ? 'MTA-STS (enforce)' : 'MTA-STS（enforce）';
    await expect(table.getByRole('columnheader', { name: enforce, exact: true })).toHaveAttribute('title', enforce);

    const cell = table.getByTestId('matrix-cell-fake-certificate-mta-sts');
    await cell.click();
    await expect(cell).toHaveAttribute('aria-pressed', 'true');
    const why = page.getByTestId('matrix-cell-detail').getByTestId('matrix-cell-why');
    await expect(why).toContainText(REASON[locale]);
    await expect(why).toBeInViewport({ ratio: 1 });
    await expectWholeTableInView(page, table);
    await page.screenshot({ path: `/tmp/matrix-layout-${locale}-cell.png` });
  });
}

// In front of a room: "Show large" lays the table over the window below the header, where it stays
// when presenter mode hides the bottom pane, its symbols large enough for the back row.
for (const locale of LOCALES) {
  test(`1280x720 ${locale}: the matrix shown large, in presenter mode too`, async ({ page, lab }) => {
    test.setTimeout(120_000);
    await openIn(page, lab, locale);
    await runMatrix(page);
    await page.getByTestId('matrix-project').click();
    const projected = page.getByTestId('matrix-projection');
    await expect(projected.getByTestId('matrix-projection-close')).toBeFocused();
    // What the layer covers is out of reach of the keyboard; the header above it is not.
    const coveredInert = () => page.evaluate(() => [...document.querySelectorAll<HTMLElement>('#app > .app > *')].map((el) => [el.tagName, el.inert] as const));
    expect((await coveredInert()).filter(([tag]) => tag !== 'HEADER').every(([, inert]) => inert)).toBe(true);
    expect((await coveredInert()).find(([tag]) => tag === 'HEADER')?.[1]).toBe(false);

    await page.getByTestId('presenter-toggle').click();
    await expect(page.locator('html')).toHaveClass(/presenter/);
    await expect(page.locator('[role="tablist"]')).toHaveCount(0);
    const table = projected.getByTestId('matrix-table');
    await expectWholeTableInView(page, table);
    expect(await brokenLabels(table)).toEqual([]);
    const symbolPx = await table.getByTestId('matrix-cell-eavesdrop-none').evaluate((cell) => parseFloat(getComputedStyle(cell).fontSize));
    expect(symbolPx).toBeGreaterThanOrEqual(26);

    await table.getByTestId('matrix-cell-fake-certificate-mta-sts').click();
    const why = projected.getByTestId('matrix-projection-reason').getByTestId('matrix-cell-why');
    await expect(why).toContainText(REASON[locale]);
    await expect(why).toBeInViewport({ ratio: 1 });
    await expectWholeTableInView(page, table);
    await page.screenshot({ path: `/tmp/matrix-layout-${locale}-presenter.png` });

    // Esc puts the window back as it was; the cell chosen on the large table is open in the tab.
    await page.keyboard.press('Escape');
    await expect(projected).toHaveCount(0);
    expect((await coveredInert()).some(([, inert]) => inert)).toBe(false);
    await page.getByTestId('presenter-toggle').click();
    await expect(page.getByTestId('matrix-cell-detail')).toContainText(REASON[locale]);
  });
}

// Beside an open lesson the pane is too narrow for both: the explanation goes under the table, and
// the pane scrolls to it with a scrollbar a learner can see.
test("1280x720 ja beside a lesson: a cell's reason under the table, reached by the pane's scrollbar", async ({ page, lab }) => {
  test.setTimeout(120_000);
  await openIn(page, lab, 'ja', '01-smtp-by-hand');
  await expect(page.getByTestId('lesson-pane')).toHaveAttribute('data-lab', '01-smtp-by-hand');
  const table = await runMatrix(page);
  expect(await brokenLabels(table)).toEqual([]);

  await table.getByTestId('matrix-cell-fake-certificate-mta-sts').click();
  const why = page.getByTestId('matrix-cell-detail').getByTestId('matrix-cell-why');
  await expect(why).toContainText(REASON.ja);
  const [tableBox, whyBox] = [await table.boundingBox(), await why.boundingBox()];
  expect(whyBox!.y).toBeGreaterThanOrEqual(tableBox!.y + tableBox!.height);
  const scroll = await page.getByTestId('matrix-pane').evaluate((pane: HTMLElement) => ({
    overflow: getComputedStyle(pane).overflowY,
    scrolls: pane.scrollHeight > pane.clientHeight,
    scrollbar: pane.offsetWidth - pane.clientWidth,
  }));
  expect(scroll).toMatchObject({ overflow: 'auto', scrolls: true });
  expect(scroll.scrollbar).toBeGreaterThanOrEqual(4);
  await why.scrollIntoViewIfNeeded();
  await expect(why).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: '/tmp/matrix-layout-ja-lesson-cell.png' });
});
