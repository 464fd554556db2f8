// The header with an attack on, on a classroom projector.
import { LOCALES, SCALES, SHOW_SCROLLBARS, VIEWPORTS, clippedOrWrapped, expect, headerRows, openAt, setAttack, test } from './classroom-support.ts';

test.use(SHOW_SCROLLBARS);

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
