// Beside a guided lab at 1280x720, in Japanese and English, at 100 % and 200 % text, with the
// lesson open and folded: the trace ladder's column headers stay legible with five, six and then
// every host of the lab in the trace (each name and each address on one line, never broken inside
// or cut; the full name and address heard by assistive tech; columns too many for the pane scroll
// sideways with the rows and lifelines under them). In the DNS tab a lookup picked from the list,
// or answered to the query form, shows its chain of trust in view without a scroll.
import type { Page } from '@playwright/test';
import type { ServedLab } from '../support/serve-lab.ts';
import { LOCALES, SCALES, SHOW_SCROLLBARS, expect, openAt, test } from './classroom-support.ts';

test.use(SHOW_SCROLLBARS);

const VIEWPORT = { width: 1280, height: 720 };
const TERMINAL = { ja: { full: 'あなたの端末', short: '端末' }, en: { full: 'your terminal', short: 'terminal' } } as const;

async function post(lab: ServedLab, path: string, body: unknown): Promise<void> {
  const reply = await fetch(new URL(path, lab.url), {
    method: 'POST',
    headers: { Authorization: `Bearer ${lab.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(reply.status, `${path}: ${await reply.clone().text()}`).toBe(200);
}

/** Traffic that brings more hosts into the trace, each stage on top of the ones before. */
const STAGES = [
  { lab: '08-dnssec', columns: 5, run: (lab: ServedLab) => post(lab, '/api/lab/solve', { id: '08-dnssec' }) },
  { lab: '11-summary', columns: 6, run: (lab: ServedLab) => post(lab, '/api/lab/solve', { id: '11-summary' }) },
  {
    lab: '11-summary',
    columns: 0, // every host of the lab: the checker and the TLS-RPT collector join
    run: async (lab: ServedLab) => {
      await post(lab, '/api/checker', { domain: 'example.jp' });
      await post(lab, '/api/tlsrpt/flush', {});
    },
  },
];
const reached = new WeakMap<ServedLab, number>();

async function trafficUpTo(lab: ServedLab, stage: number): Promise<void> {
  for (let i = reached.get(lab) ?? 0; i <= stage; i++) {
    await STAGES[i].run(lab);
    reached.set(lab, i + 1);
  }
}

async function openBesideLesson(page: Page, lab: ServedLab, id: string, locale: string, scale: number, lesson: 'open' | 'folded'): Promise<void> {
  await page.setViewportSize(VIEWPORT);
  await page.addInitScript((collapsed) => localStorage.setItem('smtp-lab.lesson', JSON.stringify({ collapsed })), lesson === 'folded');
  await openAt(page, lab, locale, scale, { lab: id });
  await expect(page.getByTestId(lesson === 'open' ? 'lesson-pane' : 'lesson-show')).toBeVisible();
  await expect(page.getByTestId('lesson-opening')).toHaveCount(0, { timeout: 20_000 });
}

/** How a header's name and address are drawn: lines they take, and whether an ellipsis cuts them. */
function headerText(page: Page) {
  return page.getByTestId('trace-column').evaluateAll((items) =>
    items.map((item) => {
      const measure = (el: Element | null) => {
        if (!el) return { text: '', lines: 0, cut: false };
        const range = document.createRange();
        range.selectNodeContents(el);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
        return { text: el.textContent ?? '', lines, cut: el.scrollWidth > el.clientWidth + 1 };
      };
      return { node: item.getAttribute('data-node') ?? '', name: measure(item.querySelector('.name')), address: measure(item.querySelector('.address')) };
    }),
  );
}

for (const [stage, { lab: labId, columns }] of STAGES.entries()) {
  for (const locale of LOCALES) {
    for (const scale of SCALES) {
      for (const lesson of ['open', 'folded'] as const) {
        const hosts = columns ? `${columns} hosts` : 'every lab host';
        test(`${locale} ${scale * 100}% lesson ${lesson}, ${hosts} (lab ${labId}): the ladder's column headers are legible`, async ({ page, lab }, testInfo) => {
          test.setTimeout(240_000);
          await trafficUpTo(lab, stage);
          await openBesideLesson(page, lab, labId, locale, scale, lesson);
          const items = page.getByTestId('trace-column');
          const expected = columns ? columns : Object.keys(lab.hosts).length;
          await expect.poll(() => items.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(expected);
          const nodes = await items.evaluateAll((els) => els.map((el) => el.getAttribute('data-node') ?? ''));
          if (!columns) expect([...nodes].sort()).toEqual(Object.keys(lab.hosts).sort());

          // Each name whole on one line, the node's full name or its leading labels; each address whole on one line.
          const problems: string[] = [];
          for (const { node, name, address } of await headerText(page)) {
            const names = node === 'terminal' ? [TERMINAL[locale].full, TERMINAL[locale].short] : [node];
            const isName = names.includes(name.text) || (node !== 'terminal' && node.startsWith(`${name.text}.`));
            if (!isName) problems.push(`${node}: shows "${name.text}"`);
            if (name.lines !== 1 || name.cut) problems.push(`${node}: the name "${name.text}" takes ${name.lines} lines${name.cut ? ', cut' : ''}`);
            if (address.text !== lab.hosts[node].address) problems.push(`${node}: shows the address "${address.text}"`);
            if (address.lines !== 1 || address.cut) problems.push(`${node}: the address "${address.text}" takes ${address.lines} lines${address.cut ? ', cut' : ''}`);
          }
          expect(problems).toEqual([]);
          const kinds = await items.evaluateAll((els) => new Set(els.map((el) => el.getAttribute('data-fit'))).size);
          expect(kinds, 'all full names or all short ones').toBe(1);

          // Heard in full, wherever the name was shortened.
          for (const [i, node] of nodes.entries()) {
            const full = node === 'terminal' ? TERMINAL[locale].full : node;
            await expect(items.nth(i)).toHaveAccessibleName(`${full} ${lab.hosts[node].address}`);
            await expect(items.nth(i)).toHaveAttribute('title', `${full}\n${lab.hosts[node].address}`);
          }
          await page.screenshot({ path: testInfo.outputPath(`ladder-${stage}-${locale}-${scale * 100}-${lesson}.png`) });

          // Every column can be brought into view: the rows scroll sideways (a visible scrollbar) and
          // the header and the lifelines move with them, each lifeline under its header's middle.
          const scroller = page.locator('[role="listbox"]').filter({ has: page.getByTestId('trace-row') });
          for (const [i, node] of nodes.entries()) {
            const placed = await scroller.evaluate(async (rows: HTMLElement, i) => {
              const header = document.querySelectorAll('[data-testid="trace-column"]')[i] as HTMLElement;
              const track = header.parentElement!;
              const viewport = track.parentElement!.getBoundingClientRect();
              const at = header.getBoundingClientRect().left - track.getBoundingClientRect().left;
              rows.scrollLeft = at + header.offsetWidth / 2 - viewport.width / 2;
              await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
              const box = header.getBoundingClientRect();
              const texts = [header.querySelector('.name')!, header.querySelector('.address')!].map((el) => el.getBoundingClientRect());
              const line = document.querySelectorAll('[data-testid="trace-lifeline"]')[i].getBoundingClientRect();
              const bar = rows.offsetHeight - rows.clientHeight;
              return {
                inView: texts.every((text) => text.left >= viewport.left - 1 && text.right <= viewport.right + 1),
                offCentre: Math.abs(line.left - (box.left + box.width / 2)),
                scrolls: rows.scrollWidth > rows.clientWidth + 1,
                bar,
              };
            }, i);
            expect(placed.inView, `${node} header in view`).toBe(true);
            expect(placed.offCentre, `${node} lifeline under its header`).toBeLessThanOrEqual(1.5);
            if (placed.scrolls) expect(placed.bar, 'the sideways scrollbar shows').toBeGreaterThanOrEqual(4);
          }
          const scrolled = await scroller.evaluate((rows) => rows.scrollWidth > rows.clientWidth + 1);
          if (scrolled) {
            await scroller.evaluate((rows) => (rows.scrollLeft = rows.scrollWidth));
            await page.screenshot({ path: testInfo.outputPath(`ladder-${stage}-${locale}-${scale * 100}-${lesson}-scrolled.png`) });
          }
        });
      }
    }
  }
}

// The DNS tab beside the lesson: at 100 % the lookups and the chain side by side, at 200 % stacked.
// Picking a lookup far down the list, or asking the query form, shows that lookup's chain in view.
for (const locale of LOCALES) {
  for (const scale of SCALES) {
    test(`${locale} ${scale * 100}% lesson open: the DNS tab shows the chain of the lookup just picked`, async ({ page, lab }, testInfo) => {
      test.setTimeout(120_000);
      await trafficUpTo(lab, 0);
      await openBesideLesson(page, lab, '08-dnssec', locale, scale, 'open');
      await page.getByTestId('dns-tab').click();
      const lookups = page.getByTestId('dns-lookup');
      await expect.poll(() => lookups.count()).toBeGreaterThan(5);
      const chain = page.getByTestId('chain-of-trust');
      const head = chain.locator('.head');
      const pageScroll = () => page.evaluate(() => document.scrollingElement!.scrollTop);

      for (const pick of [lookups.last(), lookups.nth(2)]) {
        await pick.scrollIntoViewIfNeeded();
        const asked = (await pick.locator('.q').textContent())!.trim();
        await pick.click();
        await expect(pick).toHaveClass(/selected/);
        await expect(head).toContainText(asked);
        await expect(head).toBeInViewport({ ratio: 1 });
        await expect(chain.locator('[data-zone="."]').or(chain.locator('p.muted'))).toBeInViewport();
        expect(await pageScroll()).toBe(0);
      }
      await expect(page.getByTestId('lesson-pane')).toBeInViewport();
      await page.screenshot({ path: testInfo.outputPath(`dns-picked-${locale}-${scale * 100}.png`) });

      // Asked from the form, out of the chain's sight once the tab is scrolled back to the form.
      const form = page.getByTestId('dns-query-form');
      await form.scrollIntoViewIfNeeded();
      await form.locator('input[name="name"]').fill('_25._tcp.mx.example.jp');
      await form.locator('select[name="type"]').selectOption('TLSA');
      await form.locator('input[name="validate"]').check();
      await form.locator('button[type="submit"]').click();
      await expect(head).toContainText('_25._tcp.mx.example.jp TLSA');
      await expect(head).toBeInViewport({ ratio: 1 });
      await expect(chain.locator('[data-zone="."]')).toBeInViewport();
      expect(await pageScroll()).toBe(0);
      await page.screenshot({ path: testInfo.outputPath(`dns-asked-${locale}-${scale * 100}.png`) });
    });
  }
}
