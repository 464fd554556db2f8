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

async function openAt(page: Page, lab: ServedLab, locale: string, scale: number, params: Record<string, string> = {}): Promise<void> {
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
function headerRows(page: Page): Promise<number> {
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
async function setAttack(lab: ServedLab, name: string): Promise<void> {
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
function unreachableControls(page: Page, selector = '[role="tabpanel"]'): Promise<string[]> {
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

// The lesson pane and the Labs menu: with a lab open, every button of the lesson (hints, quiz,
// start again, reset progress, hide) and of the menu is in reach, and the header still fits.
for (const viewport of VIEWPORTS) {
  for (const locale of LOCALES) {
    for (const scale of SCALES) {
      test(`${viewport.width}x${viewport.height} ${locale} ${scale * 100}%: the lesson pane and the Labs menu are in reach`, async ({ page, lab }, testInfo) => {
        await page.setViewportSize(viewport);
        await page.addInitScript(() => localStorage.removeItem('smtp-lab.lesson'));
        await openAt(page, lab, locale, scale);
        await page.getByTestId('labs-menu-button').click();
        await expect(page.getByTestId('labs-menu-item')).not.toHaveCount(0);
        expect(await unreachableControls(page, '[data-testid="labs-menu"]')).toEqual([]);
        await page.locator('[data-testid="labs-menu-item"][data-lab="04-starttls-stripping"]').click();
        await expect(page.getByTestId('labs-menu')).toHaveCount(0);
        const pane = page.getByTestId('lesson-pane');
        await expect(pane).toHaveAttribute('data-lab', '04-starttls-stripping');
        await expect(page.getByTestId('lesson-opening')).toHaveCount(0, { timeout: 20_000 });
        await expect(page.getByTestId('lesson-step')).not.toHaveCount(0);

        // Every hint shown, as a learner who asked for all of them.
        for (let more = pane.getByTestId('step-hint'); (await more.count()) > 0; ) await more.first().click();
        expect(await clippedOrWrapped(page, 'header')).toEqual([]);
        expect(await unreachableControls(page, '[data-testid="lesson-pane"]')).toEqual([]);
        expect(await unreachableControls(page)).toEqual([]);
        if (viewport.width === 1280) await page.screenshot({ path: testInfo.outputPath(`lesson-${locale}-${scale * 100}.png`) });

        // Hidden, the lesson leaves a labelled rail that brings it back.
        await page.getByTestId('lesson-hide').click();
        await expect(pane).toHaveCount(0);
        await page.getByTestId('lesson-show').click();
        await expect(pane).toBeVisible();
      });
    }
  }
}

// Presenter mode on a projector: larger type than the A+ steps give, brighter text, only the
// terminal and the trace; the replay steps through a real delivery and the export hands over a
// pcapng and its key log. The header still fits and every control of the trace pane is in reach.
for (const locale of LOCALES) {
  test(`1280x720 ${locale}: presenter mode, replay and export`, async ({ page, lab }, testInfo) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.addInitScript(() => localStorage.removeItem('smtp-lab.lesson'));
    await openAt(page, lab, locale, 1);
    const sent = await fetch(new URL('/api/send', lab.url), {
      method: 'POST',
      headers: { Authorization: `Bearer ${lab.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ request: { from: 'alice@sender.example', to: ['bob@example.jp'], subject: 'Board minutes', body: 'The merger closes on Friday.\n', policy: 'opportunistic' } }),
    });
    expect(sent.status).toBe(200);
    await expect(page.getByTestId('trace-row').filter({ hasText: 'MAIL FROM' }).or(page.getByTestId('trace-row').filter({ hasText: 'STARTTLS' })).first()).toBeVisible();

    await page.getByTestId('presenter-toggle').click();
    await expect(page.locator('html')).toHaveClass(/presenter/);
    await expect(page.locator('html')).toHaveCSS('font-size', '20.8px');
    await expect(page.locator('[role="tablist"]')).toHaveCount(0);
    await expect(page.getByTestId('terminal')).toBeVisible();
    expect(await clippedOrWrapped(page, 'header')).toEqual([]);
    // Secondary text is near-white on black: a projector still shows it.
    const muted = await page.locator('html').evaluate((html) => getComputedStyle(html).getPropertyValue('--muted').trim());
    expect(muted).toBe('#d5dde6');
    const rowFont = await page.getByTestId('trace-row').first().evaluate((row) => parseFloat(getComputedStyle(row).fontSize));
    expect(rowFont).toBeGreaterThanOrEqual(16);
    expect(await unreachableControls(page, '.trace-pane')).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`presenter-${locale}.png`) });

    // Replay: paused on the first event, one step at a time, and back.
    await page.getByTestId('replay-start').click();
    const position = page.getByTestId('replay-position');
    await expect(page.getByTestId('trace-row')).toHaveCount(1);
    for (let i = 0; i < 5; i++) await page.getByTestId('replay-forward').click();
    await expect(page.getByTestId('trace-row')).toHaveCount(6);
    await page.getByTestId('replay-back').click();
    await expect(page.getByTestId('trace-row')).toHaveCount(5);
    await expect(position).toContainText('5');
    expect(await unreachableControls(page, '.trace-pane')).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`presenter-replay-${locale}.png`) });
    await page.getByTestId('replay-stop').click();
    await expect(page.getByTestId('replay-bar')).toHaveCount(0);

    // Export: the whole trace as pcapng (its Section Header Block first) and the key log.
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-popover').getByRole('button').first().click();
    await expect(page.getByTestId('export-summary')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath(`presenter-export-${locale}.png`) });
    const [pcap] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pcap').click()]);
    const bytes = await new Promise<Buffer>((resolve, reject) => {
      void pcap.createReadStream().then((stream) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => resolve(Buffer.concat(chunks)));
        stream.on('error', reject);
      });
    });
    expect(bytes.readUInt32LE(0)).toBe(0x0a0d0d0a);
    expect(pcap.suggestedFilename()).toMatch(/^smtp-lab-.*\.pcapng$/);
    const [keys] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-keylog').click()]);
    expect(keys.suggestedFilename()).toMatch(/-keylog\.txt$/);

    await page.getByTestId('presenter-toggle').click();
    await expect(page.locator('[role="tablist"]')).toBeVisible();
    await expect(page.locator('html')).toHaveCSS('font-size', '16px');
  });
}

// With an attack on, the header names it: at 100 % on one row, at every size whole, with the
// attack's full title in the tooltip and the accessible name. mailing-list has the longest title,
// starttls-injection the longest name.
const ATTACK_TITLES = {
  'mailing-list': { en: 'Mailing-list hop', ja: 'メーリングリスト経由' },
  'starttls-injection': { en: 'STARTTLS command injection', ja: 'STARTTLS コマンドインジェクション' },
};
for (const viewport of VIEWPORTS) {
  for (const locale of LOCALES) {
    for (const scale of SCALES) {
      test(`${viewport.width}x${viewport.height} ${locale} ${scale * 100}%: the header with an attack on`, async ({ page, lab }, testInfo) => {
        await page.setViewportSize(viewport);
        await openAt(page, lab, locale, scale);
        const indicator = page.getByTestId('attack-indicator');
        try {
          for (const [attack, titles] of Object.entries(ATTACK_TITLES)) {
            await setAttack(lab, attack);
            await expect(indicator).toHaveAccessibleName(new RegExp(titles[locale]));
            expect(await clippedOrWrapped(page, 'header'), attack).toEqual([]);
            expect(await clippedOrWrapped(page, '[role="tablist"]'), attack).toEqual([]);
            if (scale === 1) expect(await headerRows(page), attack).toBe(1);
            if (viewport.width === 1280) await page.screenshot({ path: testInfo.outputPath(`attack-header-${attack}-${locale}-${scale * 100}.png`) });

            // Named as `lab attack` names it; the title in full in the tooltip and the accessible name.
            await expect(indicator).toContainText(attack);
            await expect(indicator).toHaveAttribute('title', new RegExp(titles[locale]));
            await expect(indicator).toHaveAccessibleName(new RegExp(`${attack}.*${titles[locale]}`));
          }
          await indicator.click();
          await expect(page.getByTestId('attacker-tab')).toHaveAttribute('aria-selected', 'true');
        } finally {
          await setAttack(lab, 'off');
        }
        await expect(indicator).toHaveCount(0);
      });
    }
  }
}

// The Send tab beside an open lesson: the form and the outbox side by side, so the Send button
// and the message just sent are in sight together, each column scrolling on its own.
for (const locale of LOCALES) {
  test(`1280x720 ${locale}: the Send tab beside the lesson`, async ({ page, lab }, testInfo) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.addInitScript(() => localStorage.removeItem('smtp-lab.lesson'));
    await openAt(page, lab, locale, 1, { lab: '01-smtp-by-hand' });
    await expect(page.getByTestId('lesson-pane')).toHaveAttribute('data-lab', '01-smtp-by-hand');
    await expect(page.getByTestId('lesson-opening')).toHaveCount(0, { timeout: 20_000 });
    await page.getByTestId('send-tab').click();

    const sent = await fetch(new URL('/api/send', lab.url), {
      method: 'POST',
      headers: { Authorization: `Bearer ${lab.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ request: { from: 'alice@sender.example', to: ['bob@example.jp'], subject: 'Seating plan', body: 'Row 3.\n', policy: 'opportunistic' } }),
    });
    expect(sent.status).toBe(200);
    const { message } = (await sent.json()) as { message: { id: string } };
    const newest = page.locator(`[data-testid="outbox-item"][data-id="${message.id}"]`);
    await expect(newest).toHaveAttribute('data-state', 'delivered');

    await expect(page.getByTestId('compose-send')).toBeInViewport({ ratio: 1 });
    await expect(newest.getByTestId('outbox-state')).toBeInViewport({ ratio: 1 });
    const [formBox, newestBox] = [await page.getByTestId('compose-form').boundingBox(), await newest.boundingBox()];
    expect(newestBox!.x).toBeGreaterThanOrEqual(formBox!.x + formBox!.width);
    expect(await unreachableControls(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`send-beside-lesson-${locale}.png`) });
  });
}

/** Mails one message through the running lab, so the trace has every layer of a delivery to show. */
async function deliverOne(lab: ServedLab, subject: string): Promise<void> {
  const sent = await fetch(new URL('/api/send', lab.url), {
    method: 'POST',
    headers: { Authorization: `Bearer ${lab.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ request: { from: 'alice@sender.example', to: ['bob@example.jp'], subject, body: 'Hello.\n', policy: 'opportunistic' } }),
  });
  expect(sent.status).toBe(200);
}

// The trace toolbar beside a lesson and beside its folded rail: every control whole and in view
// (those folded under the ⋯ button once it is opened), no label broken over two lines. The bottom
// tab keeps room for its content; at 200 % beside a lesson its tabs stand in one row that scrolls,
// its arrows bring the last tab and the first back into view, every control of every tab is in
// reach, and the terminal's notice when its shell ends is whole.
for (const viewport of VIEWPORTS) {
  for (const locale of LOCALES) {
    for (const scale of SCALES) {
      for (const lesson of ['open', 'folded'] as const) {
        test(`${viewport.width}x${viewport.height} ${locale} ${scale * 100}% lesson ${lesson}: the trace toolbar and the bottom tabs`, async ({ page, lab }, testInfo) => {
          await page.setViewportSize(viewport);
          await page.addInitScript((collapsed) => localStorage.setItem('smtp-lab.lesson', JSON.stringify({ collapsed })), lesson === 'folded');
          await openAt(page, lab, locale, scale, { lab: '01-smtp-by-hand' });
          await expect(page.getByTestId(lesson === 'open' ? 'lesson-pane' : 'lesson-show')).toBeVisible();
          await expect(page.getByTestId('lesson-opening')).toHaveCount(0, { timeout: 20_000 });
          await deliverOne(lab, 'Layout check');
          const toolbar = page.getByTestId('trace-toolbar');
          await expect(toolbar.getByTestId('trace-more').or(toolbar.getByTestId('replay-start'))).toBeVisible();
          const more = toolbar.getByTestId('trace-more');
          if (await more.isVisible()) {
            await more.click();
            await expect(more).toHaveAttribute('aria-expanded', 'true');
          }
          await expect(toolbar.getByTestId('replay-start')).toBeEnabled();
          for (const control of ['replay-start', 'export-button', 'trace-clear']) {
            await expect(toolbar.getByTestId(control), control).toBeInViewport({ ratio: 1 });
          }
          expect(await clippedOrWrapped(page, '[data-testid="trace-toolbar"]')).toEqual([]);
          expect(await unreachableControls(page, '[data-testid="trace-toolbar"]')).toEqual([]);
          if (scale === 2) await page.screenshot({ path: testInfo.outputPath(`trace-toolbar-${viewport.width}-${locale}-${lesson}.png`) });
          if (await more.isVisible()) {
            // It closes as a menu does: Escape, or a click elsewhere.
            const panel = toolbar.getByTestId('trace-more-panel');
            await page.keyboard.press('Escape');
            await expect(panel).toHaveCount(0);
            await more.click();
            await expect(panel).toBeVisible();
            await page.getByTestId('terminal').click();
            await expect(panel).toHaveCount(0);
            await expect(more).toHaveAttribute('aria-expanded', 'false');
          }

          const body = await page.locator('[role="tabpanel"]').boundingBox();
          expect(body!.height, 'height of the open tab').toBeGreaterThanOrEqual(150);
          expect(await clippedOrWrapped(page, '[role="tablist"]')).toEqual([]);
          expect(await unreachableControls(page, '[role="tablist"]')).toEqual([]);
          if (scale === 2 && lesson === 'open') {
            const [first, last] = [page.locator('[role="tab"]').first(), page.locator('[role="tab"]').last()];
            const [back, forward] = [page.getByTestId('tabs-back'), page.getByTestId('tabs-forward')];
            await expect(back).toBeDisabled();
            // Each press scrolls smoothly; press again until the last tab is whole in view.
            await expect(async () => {
              if (await forward.isEnabled()) await forward.click({ timeout: 1000 });
              await expect(last).toBeInViewport({ ratio: 1, timeout: 1000 });
            }).toPass();
            await expect(forward).toBeDisabled();
            await last.click();
            await expect(last).toHaveAttribute('aria-selected', 'true');
            await page.screenshot({ path: testInfo.outputPath(`tabs-scrolled-${viewport.width}-${locale}.png`) });
            await expect(async () => {
              if (await back.isEnabled()) await back.click({ timeout: 1000 });
              await expect(first).toBeInViewport({ ratio: 1, timeout: 1000 });
            }).toPass();
            await expect(back).toBeDisabled();

            const problems: string[] = [];
            const tabs = page.locator('[role="tablist"] [role="tab"]');
            for (let i = 0; i < (await tabs.count()); i++) {
              await tabs.nth(i).click();
              await expect(tabs.nth(i)).toHaveAttribute('aria-selected', 'true');
              for (const problem of await unreachableControls(page)) problems.push(`${await tabs.nth(i).getAttribute('data-testid')}: ${problem}`);
            }
            expect(problems).toEqual([]);

            // The terminal's notice when its shell ends: whole beside the lesson, its button on one line.
            const newShell = page.getByTestId('new-shell');
            await expect(async () => {
              await page.getByTestId('terminal').click();
              await page.keyboard.type('exit\n');
              await expect(newShell).toBeVisible({ timeout: 2000 });
            }).toPass();
            await expect(page.getByRole('status').filter({ has: newShell })).toBeInViewport({ ratio: 1 });
            expect(await clippedOrWrapped(page, '[data-testid="new-shell"]')).toEqual([]);
            await newShell.click();
            await expect(newShell).toHaveCount(0);

            // The open tab comes back into view when something else opens it: the header's attack indicator.
            await setAttack(lab, 'strip-starttls');
            try {
              await page.getByTestId('attack-indicator').click();
              await expect(page.getByTestId('attacker-tab')).toBeInViewport({ ratio: 1 });
            } finally {
              await setAttack(lab, 'off');
            }
          }
        });
      }
    }
  }
}
