// The window on a classroom projector: at 1280x720 and 1440x900, in Japanese and English, at 100 %
// and at the largest text size, every control of the header, the tab bar and each bottom tab is in
// view or reachable by its own pane's scroll with a visible scrollbar, and no label is clipped or
// wrapped.
import { test as base, expect, type Page } from '@playwright/test';
import config from '../../playwright.config.ts';
import { serveLab, type ServedLab } from '../support/serve-lab.ts';

const test = base.extend<{}, { lab: ServedLab }>({
  lab: [
    async ({}, use) => {
      const lab = await serveLab();
      await use(lab);
      await lab.stop();
    },
    { scope: 'worker' },
  ],
});

// Playwright hides scrollbars in headless Chromium; a learner's window shows them, and so must this test.
test.use({ launchOptions: { ...config.use?.launchOptions, ignoreDefaultArgs: ['--hide-scrollbars'] } });

const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];
const LOCALES = ['ja', 'en'] as const;
/** 100 % and the largest step of the A+ control (ui-settings SCALES). */
const SCALES = [1, 2];

async function openAt(page: Page, lab: ServedLab, locale: string, scale: number): Promise<void> {
  await page.addInitScript(
    ([locale, scale]) => {
      localStorage.setItem('smtp-lab.locale', locale as string);
      localStorage.setItem('smtp-lab.view', JSON.stringify({ scale }));
    },
    [locale, scale] as const,
  );
  await page.goto(lab.url);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'open');
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
}

/** Labels of the header and the tab bar that are cut by a box edge or broken over two lines. */
function clippedOrWrapped(page: Page, selector: string): Promise<string[]> {
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
      const box = range.getBoundingClientRect();
      for (let clip: HTMLElement | null = element; clip; clip = clip.parentElement) {
        const style = getComputedStyle(clip);
        if (style.overflowX === 'visible' && style.overflowY === 'visible' && clip !== document.documentElement) continue;
        const edge = clip === document.documentElement ? { left: 0, top: 0, right: innerWidth, bottom: innerHeight } : clip.getBoundingClientRect();
        if (box.left < edge.left - 1 || box.right > edge.right + 1 || box.top < edge.top - 1 || box.bottom > edge.bottom + 1) {
          problems.push(`"${text}" is cut by <${clip.tagName.toLowerCase()} class="${clip.className}">`);
          break;
        }
      }
    }
    return problems;
  });
}

/**
 * Controls of the open tab that are neither in view nor brought into view by scrolling a box that
 * shows its scrollbar. Scrolling the page itself does not count: the window does not scroll.
 */
function unreachableControls(page: Page): Promise<string[]> {
  return page.locator('[role="tabpanel"]').evaluate((panel) => {
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

for (const viewport of VIEWPORTS) {
  for (const locale of LOCALES) {
    for (const scale of SCALES) {
      test(`${viewport.width}x${viewport.height} ${locale} ${scale * 100}%: every control is in reach`, async ({ page, lab }, testInfo) => {
        await page.setViewportSize(viewport);
        await openAt(page, lab, locale, scale);

        expect(await clippedOrWrapped(page, 'header')).toEqual([]);
        expect(await clippedOrWrapped(page, '[role="tablist"]')).toEqual([]);

        const tabs = page.locator('[role="tablist"] [role="tab"]');
        const problems: string[] = [];
        for (let i = 0; i < (await tabs.count()); i++) {
          const tab = tabs.nth(i);
          await tab.click();
          await expect(tab).toHaveAttribute('aria-selected', 'true');
          const name = (await tab.getAttribute('data-testid')) ?? String(i);
          for (const problem of await unreachableControls(page)) problems.push(`${name}: ${problem}`);
          if (viewport.width === 1280) {
            await page.screenshot({ path: testInfo.outputPath(`${name}-${locale}-${scale * 100}.png`) });
          }
        }
        expect(problems).toEqual([]);

        // Before any traffic the attacker's byte count says so instead of drawing an all-TLS bar.
        await page.getByTestId('attacker-tab').click();
        await expect(page.getByTestId('attack-bytes-empty')).toBeVisible();
        await expect(page.getByTestId('attack-knowledge').locator('.bar')).toHaveCount(0);
      });
    }
  }
}

for (const locale of LOCALES) {
  test(`1280x720 ${locale}: the header and the tab bar fit at every text size`, async ({ page, lab }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openAt(page, lab, locale, 0.85);
    const larger = page.getByTestId('font-larger');
    const sizes: string[] = [];
    for (;;) {
      const size = await page.locator('html').evaluate((html) => html.style.fontSize);
      sizes.push(size);
      expect(await clippedOrWrapped(page, 'header'), `at ${size}`).toEqual([]);
      expect(await clippedOrWrapped(page, '[role="tablist"]'), `at ${size}`).toEqual([]);
      if (await larger.isDisabled()) break;
      await larger.click();
      await expect(page.locator('html')).not.toHaveCSS('font-size', size);
    }
    expect(sizes).toEqual(expect.arrayContaining(['13.6px', '16px', '32px']));
  });
}
