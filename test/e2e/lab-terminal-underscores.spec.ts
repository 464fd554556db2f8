// The lab terminal draws underscores: every Postfix parameter `lab postconf` prints has them
// (smtpd_tls_protocols), and DejaVu Sans Mono puts "_" below the line box that xterm.js's DOM
// renderer clips each row to. The ink of a row of underscores is counted in a screenshot.
import type { Page } from '@playwright/test';
import { test, expect, openLab, typeLine, terminalText } from './lab-fixture.ts';
import { inkOf } from './screenshot-ink.ts';

test.use({ viewport: { width: 1280, height: 720 } });

/** Pixels brighter than the terminal's background in the screenshot of terminal row `index`. */
async function inkOfRow(page: Page, index: number): Promise<number> {
  const png = await page.locator('.xterm-rows > div').nth(index).screenshot();
  return inkOf(page, png);
}

test('lab postconf in the lab terminal: the underscores of parameter names are drawn, at every font size tried', async ({ page, lab }) => {
  await openLab(page, lab);
  await typeLine(page, 'lab postconf smtpd_tls_protocols');
  await expect.poll(() => terminalText(page)).toContain('smtpd_tls_protocols = >=TLSv1.2');
  for (const step of ['default', 'larger']) {
    if (step === 'larger') {
      await page.getByTestId('font-larger').click();
      await page.getByTestId('terminal').click();
    }
    await typeLine(page, 'clear; echo ________________________________');
    const underscoresRow = async () => (await terminalText(page)).split('\n').findIndex((line) => line.trim() === '________________________________');
    await expect.poll(underscoresRow).toBeGreaterThanOrEqual(0);
    expect(await inkOfRow(page, await underscoresRow()), `${step} font size`).toBeGreaterThan(50);
  }
});
