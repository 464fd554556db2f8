// DMARC aggregate reports in the UI: the learner switches the receiver's milters on, sends a
// genuine and a spoofed message, runs `lab dmarc send`, reads the report in the DMARC tab and
// opens its .xml.gz in the Mailbox, in English and Japanese.
import { test, expect, openLab, screenshotPath, terminalText, typeLine } from './lab-fixture.ts';

test.use({ viewport: { width: 1280, height: 720 } });

test('DMARC tab and the report in the Mailbox', async ({ page, lab }, testInfo) => {
  await openLab(page, lab);
  await typeLine(page, "lab postconf -e 'smtpd_milters = inet:localhost:8891, inet:localhost:8893'");
  await typeLine(page, 'lab send --from alice@sender.example --to bob@example.jp --subject Genuine --body "From the real sender."');
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/delivered/);
  await typeLine(page, 'clear; lab send --from alice@sender.example --to bob@example.jp --subject Spoofed --body "Pay now." --attack spoof-from');
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/restored|outcome/i);

  await page.getByTestId('dmarc-tab').click();
  await expect(page.getByTestId('dmarc-pending')).toHaveCount(1);
  await expect(page.getByTestId('dmarc-row')).toHaveCount(2);
  await page.screenshot({ path: screenshotPath('dmarc-pending-en.png', testInfo) });
  await page.getByTestId('terminal').click();
  await typeLine(page, 'clear; lab dmarc send');
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/-> mailto:dmarc-reports@example\.jp: sent/);
  await expect(page.getByTestId('dmarc-report')).toBeVisible();
  await expect(page.getByTestId('dmarc-delivery')).toHaveAttribute('data-ok', 'true');
  await expect(page.locator('[data-testid="dmarc-row"][data-source="203.0.113.66"]')).toHaveCount(1);
  await page.screenshot({ path: screenshotPath('dmarc-tab-en.png', testInfo) });

  await page.getByTestId('mailbox-tab').click();
  await page.getByTestId('mailbox-item').filter({ hasText: 'Report Domain: sender.example' }).click();
  await page.getByTestId('mailbox-attachment-open').click();
  await expect(page.getByTestId('mailbox-attachment-content')).toContainText('<source_ip>203.0.113.66</source_ip>');
  await page.getByTestId('mailbox-attachments').scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('dmarc-mailbox-en.png', testInfo) });

  await page.getByTestId('lang-switch').locator('[data-locale="ja"]').click();
  await page.getByTestId('dmarc-tab').click();
  await expect(page.getByTestId('dmarc-tab')).toContainText('DMARC レポート');
  await expect(page.getByTestId('dmarc-delivery')).toContainText('送信済み');
  await page.screenshot({ path: screenshotPath('dmarc-tab-ja.png', testInfo) });
});
