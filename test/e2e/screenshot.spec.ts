// The README's picture of the main window, taken from a real session.
import { test, expect, openLab, screenshotPath, typeStarttlsSession } from './lab-fixture.ts';

test('main window after a STARTTLS session', async ({ page, lab }, testInfo) => {
  await openLab(page, lab);
  await typeStarttlsSession(page, 'Hello over STARTTLS', 'Typed by hand.');
  await page.getByTestId('mailbox-item').filter({ hasText: 'Hello over STARTTLS' }).click();
  await expect(page.getByTestId('mailbox-detail')).toContainText('Typed by hand.');
  await page.screenshot({ path: screenshotPath('screenshot.png', testInfo) });
});
