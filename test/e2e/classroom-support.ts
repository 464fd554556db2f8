// What the classroom layout specs share: a lab served once per worker, the window sizes, languages
// and text sizes they try, and the measures of a window a learner can use (nothing clipped or
// wrapped, every control in view or reachable by its own pane's scroll).
import { test as base, expect, type Page } from '@playwright/test';
import config from '../../playwright.config.ts';
import { serveLab, type ServedLab } from '../support/serve-lab.ts';

export { expect };

export const test = base.extend<{}, { lab: ServedLab }>({
  lab: [
    async ({}, use) => {
      const lab = await serveLab();
      await use(lab);
      await lab.stop();
    },
    { scope: 'worker' },
  ],
});

/** Playwright hides scrollbars in headless Chromium; a learner's window shows them, and so must these tests (test.use in each spec). */
export const SHOW_SCROLLBARS = { launchOptions: { ...config.use?.launchOptions, ignoreDefaultArgs: ['--hide-scrollbars'] } };

export const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];
export const LOCALES = ['ja', 'en'] as const;
/** 100 % and the largest step of the A+ control (ui-settings SCALES). */
export const SCALES = [1, 2];

export async function openAt(page: Page, lab: ServedLab, locale: string, scale: number, params: Record<string, string> = {}): Promise<void> {
  await page.addInitScript(
    ([locale, scale]) => {
      localStorage.setItem('smtp-lab.locale', locale as string);
      localStorage.setItem('smtp-lab.view', JSON.stringify({ scale }));
    },
    [locale, scale] as const,
  );
  const url = new URL(lab.url);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  await page.goto(url.toString());
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'open');
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
}

/**
 * Labels that are cut by a box edge or broken over two lines. A label that a box scrolls to, with a
 * scrollbar one can see in that direction, is not cut: that box must lie in view instead.
 */
export function clippedOrWrapped(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluate((container) => {
    const problems: string[] = [];
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const element = node.parentElement!;
      if (!text || !element.checkVisibility()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) problems.push(`"${text}" wraps over ${lines.size} lines`);
      let box: DOMRect = range.getBoundingClientRect();
      for (let clip: HTMLElement | null = element; clip; clip = clip.parentElement) {
        const style = getComputedStyle(clip);
        if (style.overflowX === 'visible' && style.overflowY === 'visible' && clip !== document.documentElement) continue;
        const edge = clip === document.documentElement ? { left: 0, top: 0, right: innerWidth, bottom: innerHeight } : clip.getBoundingClientRect();
        const cutSideways = box.left < edge.left - 1 || box.right > edge.right + 1;
        const cutVertically = box.top < edge.top - 1 || box.bottom > edge.bottom + 1;
        if (!cutSideways && !cutVertically) continue;
        const scrollable = (overflow: string) => overflow === 'auto' || overflow === 'scroll';
        const barHeight = clip.offsetHeight - clip.clientHeight - parseFloat(style.borderTopWidth) - parseFloat(style.borderBottomWidth);
        const barWidth = clip.offsetWidth - clip.clientWidth - parseFloat(style.borderLeftWidth) - parseFloat(style.borderRightWidth);
        const scrollsSideways = scrollable(style.overflowX) && clip.scrollWidth > clip.clientWidth + 1 && barHeight >= 4;
        const scrollsVertically = scrollable(style.overflowY) && clip.scrollHeight > clip.clientHeight + 1 && barWidth >= 4;
        if (clip !== document.documentElement && (!cutSideways || scrollsSideways) && (!cutVertically || scrollsVertically)) {
          box = clip.getBoundingClientRect();
          continue;
        }
        problems.push(`"${text}" is cut by <${clip.tagName.toLowerCase()} class="${clip.className}">`);
        break;
      }
    }
    return problems;
  });
}

/** How many rows the header's items stand in. */
export function headerRows(page: Page): Promise<number> {
  return page.locator('header').evaluate((header) => {
    const boxes = [...header.children]
      .map((child) => child.getBoundingClientRect())
      .filter((box) => box.width > 0 && box.height > 0)
      .sort((a, b) => a.top - b.top);
    let rows = 0;
    let rowBottom = -Infinity;
    for (const box of boxes) {
      if (box.top >= rowBottom - 1) {
        rows++;
        rowBottom = box.bottom;
      } else rowBottom = Math.max(rowBottom, box.bottom);
    }
    return rows;
  });
}

/** Asks the running lab for an attack (`name`) or for none (`off`), as `lab attack` does. */
export async function setAttack(lab: ServedLab, name: string): Promise<void> {
  const reply = await fetch(new URL('/api/attack', lab.url), {
    method: 'POST',
    headers: { Authorization: `Bearer ${lab.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  expect(reply.status).toBe(200);
}

/**
 * Controls of the open tab (or another part of the window) that are neither in view nor brought
 * into view by scrolling a box that shows its scrollbar. Scrolling the page itself does not count:
 * the window does not scroll.
 */
export function unreachableControls(page: Page, selector = '[role="tabpanel"]'): Promise<string[]> {
  return page.locator(selector).evaluate((panel) => {
    const describe = (el: Element) =>
      `<${el.tagName.toLowerCase()}${el.getAttribute('name') ? ` name=${el.getAttribute('name')}` : ''}${
        el.getAttribute('data-testid') ? ` data-testid=${el.getAttribute('data-testid')}` : ''
      }> "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    const clipsOf = (el: Element) => {
      const clips: HTMLElement[] = [];
      for (let p = el.parentElement; p; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (style.overflowX !== 'visible' || style.overflowY !== 'visible') clips.push(p);
      }
      return clips;
    };
    // In view: inside the window and every box that clips it. A control taller than the space it
    // scrolls in (a long text area) counts when its top is in view and it fills the rest.
    const inView = (el: Element) => {
      const r = el.getBoundingClientRect();
      const edges = [{ left: 0, top: 0, right: innerWidth, bottom: innerHeight }, ...clipsOf(el).map((c) => c.getBoundingClientRect())];
      const visibleBottom = Math.min(...edges.map((e) => e.bottom));
      const visibleTop = Math.max(...edges.map((e) => e.top));
      const bottomOk = r.bottom <= visibleBottom + 1 || r.height > visibleBottom - visibleTop;
      return bottomOk && edges.every((e) => r.left >= e.left - 1 && r.right <= e.right + 1 && r.top >= e.top - 1);
    };
    // What a click at the control's centre would hit, when that is something else laid over it.
    const coveredBy = (el: Element) => {
      const r = el.getBoundingClientRect();
      const visibleBottom = Math.min(r.bottom, innerHeight);
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + (visibleBottom - r.top) / 2);
      return hit && !el.contains(hit) ? describe(hit) : null;
    };
    const problems: string[] = [];
    const controls = panel.querySelectorAll('button, input:not([type="hidden"]), select, textarea, summary, a[href], [role="tab"], [tabindex="0"]');
    for (const control of controls) {
      if (!control.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions)) continue;
      if (inView(control) && !coveredBy(control)) continue;
      const scrollers = clipsOf(control).filter((c) => c.scrollHeight > c.clientHeight + 1 || c.scrollWidth > c.clientWidth + 1);
      const before = scrollers.map((c) => [c.scrollTop, c.scrollLeft]);
      // Centred first (clear of a sticky bar), from the top for a control taller than its pane.
      control.scrollIntoView({ block: 'center', inline: 'nearest' });
      if (!inView(control)) control.scrollIntoView({ block: 'start', inline: 'nearest' });
      const moved = scrollers.filter((c, i) => c.scrollTop !== before[i][0] || c.scrollLeft !== before[i][1]);
      const hiddenBar = moved.filter((c, i) => {
        const i0 = scrollers.indexOf(c);
        const vertical = c.scrollTop !== before[i0][0];
        const style = getComputedStyle(c);
        const borders = vertical
          ? parseFloat(style.borderLeftWidth) + parseFloat(style.borderRightWidth)
          : parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth);
        const bar = vertical ? c.offsetWidth - c.clientWidth - borders : c.offsetHeight - c.clientHeight - borders;
        void i;
        return bar < 4 || style.scrollbarWidth === 'none';
      });
      const pageScrolled = (document.scrollingElement?.scrollTop ?? 0) !== 0 || scrollY !== 0;
      if (pageScrolled) document.scrollingElement!.scrollTop = 0;
      const cover = inView(control) ? coveredBy(control) : null;
      if (!inView(control)) problems.push(`${describe(control)} cannot be scrolled into view`);
      else if (cover) problems.push(`${describe(control)} is covered by ${cover}`);
      else if (hiddenBar.length > 0) problems.push(`${describe(control)} is reached by a box without a visible scrollbar`);
      else if (pageScrolled) problems.push(`${describe(control)} is reached only by scrolling the page`);
      for (const [i, c] of scrollers.entries()) [c.scrollTop, c.scrollLeft] = before[i];
    }
    return problems;
  });
}

/** Mails one message through the running lab, so the trace has every layer of a delivery to show. */
export async function deliverOne(lab: ServedLab, subject: string): Promise<void> {
  const sent = await fetch(new URL('/api/send', lab.url), {
    method: 'POST',
    headers: { Authorization: `Bearer ${lab.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ request: { from: 'alice@sender.example', to: ['bob@example.jp'], subject, body: 'Hello.\n', policy: 'opportunistic' } }),
  });
  expect(sent.status).toBe(200);
}
