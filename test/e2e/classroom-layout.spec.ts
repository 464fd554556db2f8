// The window on a classroom projector: at 1280x720 and 1440x900, in Japanese and English, at 100 %
// and at the largest text size, every control of the header, the tab bar and each bottom tab is in
// view or reachable by its own pane's scroll with a visible scrollbar, and no label is clipped or
// wrapped.
import { LOCALES, SCALES, SHOW_SCROLLBARS, VIEWPORTS, clippedOrWrapped, expect, openAt, test, unreachableControls } from './classroom-support.ts';

test.use(SHOW_SCROLLBARS);

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
