// The lesson pane read at 1280x720: a code block fits the pane's width (long output lines wrap, no
// sideways scrolling), its Copy button covers none of its text at any text size, and Copy still
// puts the block's own text on the clipboard, line for line. The "step done" notice covers no step.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import type { Page } from '@playwright/test';
import { LOCALES, SHOW_SCROLLBARS, expect, openAt, setAttack, test } from './classroom-support.ts';
import { typeLine } from './lab-fixture.ts';

test.use({ ...SHOW_SCROLLBARS, viewport: { width: 1280, height: 720 }, permissions: ['clipboard-read', 'clipboard-write'] });

const LABS = ['05-tls-downgrade', '06-mta-sts'];
const repoRoot = join(import.meta.dirname, '../..');

/** The code blocks of a lesson file as written: what Copy must put on the clipboard. */
function fencesOf(id: string, locale: string): string[] {
  const source = readFileSync(join(repoRoot, 'labs', id, `lesson.${locale}.md`), 'utf8');
  return new MarkdownIt()
    .parse(source, {})
    .filter((token) => token.type === 'fence')
    .map((token) => token.content.replace(/\n$/, ''));
}

async function openLesson(page: Page, lab: Parameters<typeof openAt>[1], id: string, locale: string, scale = 1): Promise<void> {
  await page.addInitScript(() => localStorage.removeItem('smtp-lab.lesson'));
  await openAt(page, lab, locale, scale, { lab: id });
  await expect(page.getByTestId('lesson-pane')).toHaveAttribute('data-lab', id);
  await expect(page.getByTestId('lesson-opening')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId('lesson-step')).not.toHaveCount(0);
}

/**
 * Each code block in turn, scrolled into view: a block that scrolls sideways, a line of its text
 * cut by the block's edges, or a line its Copy button lies over.
 */
function codeBlockProblems(page: Page): Promise<string[]> {
  return page.getByTestId('lesson-text').evaluate((text) => {
    /** Where the text of an element is drawn: a rectangle for each piece of each row. */
    const textRects = (element: Element) => {
      const rects: DOMRect[] = [];
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        rects.push(...[...range.getClientRects()].filter((r) => r.width > 0));
      }
      return rects;
    };
    const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const problems: string[] = [];
    const scroller = text.closest<HTMLElement>('.scroll')!;
    if (scroller.scrollWidth > scroller.clientWidth + 1) problems.push(`the lesson text scrolls sideways (${scroller.scrollWidth} > ${scroller.clientWidth})`);
    for (const [i, block] of [...text.querySelectorAll('.code-block')].entries()) {
      block.scrollIntoView({ block: 'center' });
      const pre = block.querySelector('pre')!;
      const code = pre.querySelector('code')!;
      const button = block.querySelector('button[data-copy]')!.getBoundingClientRect();
      const name = `block ${i + 1} "${code.textContent!.slice(0, 24)}…"`;
      if (pre.scrollWidth > pre.clientWidth + 1) problems.push(`${name} scrolls sideways (${pre.scrollWidth} > ${pre.clientWidth})`);
      const lines = textRects(code);
      const box = pre.getBoundingClientRect();
      if (lines.some((r) => r.left < box.left || r.right > box.right || r.top < box.top || r.bottom > box.bottom)) problems.push(`${name} has text outside its box`);
      const covered = lines.filter((r) => overlap(r, button));
      if (covered.length > 0) problems.push(`${name}: the Copy button lies over ${covered.length} piece(s) of text`);
      if (button.left < box.left || button.right > box.right + 1) problems.push(`${name}: the Copy button sticks out of the block`);
    }
    return problems;
  });
}

for (const id of LABS) {
  for (const locale of LOCALES) {
    test(`${id} ${locale}: code blocks fit the pane and their Copy button covers no text, 100 % to 200 %`, async ({ page, lab }, testInfo) => {
      test.setTimeout(120_000);
      await openLesson(page, lab, id, locale);
      const fences = fencesOf(id, locale);
      await expect(page.locator('[data-testid="lesson-text"] .code-block')).toHaveCount(fences.length);

      // The block with the longest line (an output example) as a learner sees it at 100 %: wrapped over more rows than it has lines.
      const longestLine = (fence: string) => Math.max(...fence.split('\n').map((line) => line.length));
      const longest = fences.reduce((a, b, i) => (longestLine(b) > longestLine(fences[a]) ? i : a), 0);
      const block = page.locator('[data-testid="lesson-text"] .code-block').nth(longest);
      const rows = () =>
        block.locator('code').evaluate((code) => {
          code.closest('.code-block')!.scrollIntoView({ block: 'center' });
          const tops = new Set<number>();
          const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const range = document.createRange();
            range.selectNodeContents(node);
            for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
          }
          return tops.size;
        });
      expect.soft(await rows(), 'rows of the block with the longest line').toBeGreaterThan(fences[longest].split('\n').length);
      await page.screenshot({ path: testInfo.outputPath(`${id}-${locale}-100.png`) });

      // At 100 %, then every step of A+ up to the largest.
      const larger = page.getByTestId('font-larger');
      const scale = page.locator('.font-size .value');
      for (;;) {
        expect.soft(await codeBlockProblems(page), `at ${await scale.innerText()}`).toEqual([]);
        if (!(await larger.isEnabled())) break;
        await larger.click();
      }
      await expect(scale).toHaveText('200%');
      await rows();
      await page.screenshot({ path: testInfo.outputPath(`${id}-${locale}-200.png`) });
      await scale.click();
      await expect(scale).toHaveText('100%');

      // Copy gives each block's own text, wrapped or not.
      for (const [i, fence] of fences.entries()) {
        const copy = page.locator('[data-testid="lesson-text"] .code-block').nth(i).locator('button[data-copy]');
        await copy.click();
        await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), `block ${i + 1}`).toBe(fence);
        await page.evaluate(() => navigator.clipboard.writeText(''));
      }
      // So does that block selected by hand and copied: wrapping adds no line break.
      await block.locator('code').evaluate((code) => getSelection()!.selectAllChildren(code));
      await page.keyboard.press('Control+C');
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), 'the block selected by hand').toBe(fences[longest]);
    });
  }
}

// The notice of a step just done covers no step, in any frame from its first, and takes no room
// from the step list or the buttons below it: it takes the lesson text's, whole or in as many whole
// lines as fit there at large text sizes.
for (const locale of LOCALES) {
  for (const scale of [1, 1.15, 1.3, 1.5, 2]) {
    test(`05-tls-downgrade ${locale} ${Math.round(scale * 100)}%: the step-done notice covers no step and leaves the step list its room`, async ({ page, lab }, testInfo) => {
      await openLesson(page, lab, '05-tls-downgrade', locale, scale);
      // A step this worker's lab may have ticked before counts again once the lab's progress is reset.
      page.on('dialog', (dialog) => void dialog.accept());
      await page.getByTestId('lab-progress-reset').click();
      await expect(page.locator('[data-testid="lesson-step"][data-done="true"]')).toHaveCount(0);
      await setAttack(lab, 'off');
      await expect(page.getByTestId('attack-indicator')).toHaveCount(0);
      await expect(page.getByTestId('lesson-notice')).toHaveCount(0, { timeout: 25_000 });

      // Every frame from before the step ticks until the notice has settled.
      const sampled = page.evaluate(
        () =>
          new Promise<{ seen: number; covered: string[]; moved: string[] }>((resolve) => {
            const covered = new Set<string>();
            const moved = new Set<string>();
            const tray = document.querySelector('[data-testid="lesson-steps"]')!.parentElement!;
            const pane = document.querySelector('[data-testid="lesson-pane"]')!;
            const footer = pane.querySelector('footer')!;
            let before = tray.getBoundingClientRect();
            let seen = 0;
            const overlap = (a: DOMRect, b: DOMRect) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
            const started = performance.now();
            const frame = () => {
              const notice = document.querySelector('[data-testid="lesson-notice"]');
              // The step list as the frame just before the notice showed it.
              if (!notice) before = tray.getBoundingClientRect();
              else {
                seen++;
                const n = notice.getBoundingClientRect();
                const shownTray = tray.getBoundingClientRect();
                for (const step of document.querySelectorAll<HTMLElement>('[data-step]')) {
                  // Only the part of a step its tray shows can be covered.
                  const s = step.getBoundingClientRect();
                  const top = Math.max(s.top, shownTray.top);
                  const shown = new DOMRect(s.left, top, s.width, Math.min(s.bottom, shownTray.bottom) - top);
                  if (shown.height > 0 && overlap(n, shown)) covered.add(step.dataset.step!);
                }
                if (Math.abs(shownTray.top - before.top) > 1 || Math.abs(shownTray.bottom - before.bottom) > 1)
                  moved.add(`the step list went from ${Math.round(before.top)}–${Math.round(before.bottom)} to ${Math.round(shownTray.top)}–${Math.round(shownTray.bottom)}`);
                if (footer.getBoundingClientRect().bottom > pane.getBoundingClientRect().bottom + 1) moved.add('the buttons below the steps left the pane');
              }
              if ((seen > 0 && performance.now() - started > 2500) || performance.now() - started > 15_000) resolve({ seen, covered: [...covered], moved: [...moved] });
              else requestAnimationFrame(frame);
            };
            requestAnimationFrame(frame);
          }),
      );
      // The first step as the lesson has the learner do it: a TLS 1.0 handshake from the lab terminal.
      await page.getByTestId('terminal').click();
      await typeLine(page, `openssl s_client -starttls smtp -connect 127.0.0.1:${lab.hosts['mx.example.jp'].ports['25']} -servername mx.example.jp -tls1 -cipher DEFAULT@SECLEVEL=0 </dev/null 2>/dev/null | grep '^New,'`);
      await expect(page.locator('[data-testid="lesson-step"][data-step="legacy-tls10"]')).toHaveAttribute('data-done', 'true', { timeout: 20_000 });
      const notice = page.getByTestId('lesson-notice');
      await expect(notice).toContainText(locale === 'ja' ? 'ステップ完了' : 'Step done');
      await expect(notice).toHaveAttribute('role', 'status');
      await expect(notice).toHaveAttribute('aria-live', 'polite');
      await expect(notice).toBeInViewport({ ratio: 1 });
      // Readable: at least one whole line, inside the lesson text's box; a longer text that does not
      // fit there ends in an ellipsis (a line clamp), never cut by a scroll box.
      const shown = await notice.evaluate((el) => {
        const box = el.getBoundingClientRect();
        const room = el.parentElement!.getBoundingClientRect();
        const text = el.firstElementChild ?? el;
        const style = getComputedStyle(text);
        const clamped = style.webkitLineClamp !== 'none';
        return {
          inside: box.top >= room.top - 0.5 && box.bottom <= room.bottom + 0.5,
          lines: (el.clientHeight - parseFloat(getComputedStyle(el).paddingTop) - parseFloat(getComputedStyle(el).paddingBottom)) / parseFloat(style.lineHeight),
          cutWithoutClamp: (el.scrollHeight > el.clientHeight + 1 || text.scrollHeight > text.clientHeight + 1) && !clamped,
          textInside: text.getBoundingClientRect().bottom <= box.bottom + 0.5,
        };
      });
      expect(shown.textInside, 'the notice text stays inside its box').toBe(true);
      expect(shown.inside, 'the notice lies in the lesson text box').toBe(true);
      expect(shown.lines, 'lines of the notice in view').toBeGreaterThanOrEqual(0.98);
      expect(Math.abs(shown.lines - Math.round(shown.lines)), 'the notice shows whole lines').toBeLessThan(0.05);
      expect(shown.cutWithoutClamp, 'the notice is cut by a scroll box').toBe(false);
      await page.screenshot({ path: testInfo.outputPath(`notice-${locale}-${Math.round(scale * 100)}.png`) });
      const { seen, covered, moved } = await sampled;
      expect(seen).toBeGreaterThan(0);
      expect(covered).toEqual([]);
      expect(moved).toEqual([]);
    });
  }
}
