// The main.cf tab: postconf -n of the running lab, an edit refused on its line with nothing
// changed, an edit applied and shown in the trace as a config row, the same tab in Japanese.
import { test, expect, openLab, screenshotPath } from './lab-fixture.ts';

test.use({ viewport: { width: 1280, height: 720 } });

test('main.cf tab: errors on their line, then the change applied and in the trace', async ({ page, lab }, testInfo) => {
  await openLab(page, lab);
  await page.getByTestId('main-cf-tab').click();
  const current = page.getByTestId('postconf-n');
  await expect(current).toContainText('smtpd_tls_protocols = >=TLSv1.2');
  const editor = page.getByTestId('main-cf-text');
  await expect(editor).toHaveValue(/smtpd_tls_security_level = may/);

  // A bad value and an unknown parameter: refused, each on its line, nothing changed.
  const text = (await editor.inputValue())
    .replace('smtpd_tls_protocols = >=TLSv1.2', 'smtpd_tls_protocols = >=TLSv1.4')
    .concat('smtpd_tls_cipherz = high\n');
  await editor.fill(text);
  await page.getByTestId('main-cf-apply').click();
  const errors = page.getByTestId('main-cf-errors');
  await expect(errors).toHaveAttribute('data-count', '2');
  await expect(errors).toContainText('TLSv1.4');
  await expect(errors).toContainText('smtpd_tls_cipherz: unknown parameter; did you mean smtpd_tls_ciphers?');
  await expect(current).toContainText('smtpd_tls_protocols = >=TLSv1.2');
  await page.screenshot({ path: screenshotPath('main-cf-errors.png', testInfo) });

  // The legacy receiver: applied, postconf -n says so, and the trace has the config row.
  await editor.fill(text.replace('>=TLSv1.4', '>=TLSv1').replace('smtpd_tls_cipherz = high\n', ''));
  await page.getByTestId('main-cf-apply').click();
  await expect(page.getByTestId('main-cf-changed')).toContainText('smtpd_tls_protocols');
  await expect(current).toContainText('smtpd_tls_protocols = >=TLSv1');
  await expect(current).not.toContainText('>=TLSv1.2\nsmtpd_tls_received');
  const row = page.locator('[data-testid="trace-row"][data-layer="note"]').filter({ hasText: 'smtpd_tls_protocols' });
  await expect(row.first()).toContainText('was >=TLSv1.2');
  await page.screenshot({ path: screenshotPath('main-cf.png', testInfo) });

  await page.getByTestId('lang-switch').locator('[data-locale="ja"]').click();
  await expect(page.getByTestId('main-cf-pane')).toContainText('現在有効な設定');
  await expect(row.first()).toContainText('変更前：>=TLSv1.2');
  await page.screenshot({ path: screenshotPath('main-cf-ja.png', testInfo) });

  // Lab defaults put the lab's main.cf back.
  await page.getByTestId('main-cf-reset').click();
  await expect(current).toContainText('smtpd_tls_protocols = >=TLSv1.2');
});
