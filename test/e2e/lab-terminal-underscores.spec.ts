// The lab terminal draws underscores: every Postfix parameter `lab postconf` prints has them
// (smtpd_tls_protocols), and DejaVu Sans Mono puts "_" below the line box that xterm.js's DOM
// renderer clips each row to. The ink of a row of underscores is counted in a screenshot.
import type { Page } from '@playwright/test';
import { test, expect, openLab, typeLine, terminalText } from './lab-fixture.ts';

test.use({ viewport: { width: 1280, height: 720 } });

/** Pixels brighter than the terminal's background in the screenshot of terminal row `index`. */
async function inkOfRow(page: Page, index: number): Promise<number> {
  const png = await page.locator('.xterm-rows > div').nth(index).screenshot();
  return page.evaluate(async (base64: string) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] > 240) ink++;
    return ink;
  }, png.toString('base64'));
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
