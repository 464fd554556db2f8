// The sending MTA from the learner's side: compose in the Send tab, watch the outbox item reach
// delivered, read it in the mailbox, find the sender's decisions in the trace, and the same tabs
// in Japanese.
import { test, expect, openLab } from './lab-fixture.ts';

test.use({ viewport: { width: 1600, height: 1200 } });

test('send from the Send tab: delivered, in the mailbox, decisions in the trace', async ({ page, lab }) => {
  await openLab(page, lab);
  await page.getByTestId('send-tab').click();

  const form = page.getByTestId('compose-form');
  await expect(form.locator('input[name="from"]')).toHaveValue('alice@sender.example');
  await expect(form.locator('input[name="to"]')).toHaveValue('bob@example.jp');

  // DANE always validates: the DNSSEC switch is on and cannot be turned off.
  const policy = page.getByTestId('compose-policy');
  await policy.selectOption('dane');
  await expect(form.locator('input[name="dnssec"]')).toBeChecked();
  await expect(form.locator('input[name="dnssec"]')).toBeDisabled();
  await expect(form.locator('input[name="fallbackScsv"]')).toHaveCount(0);
  await policy.selectOption('fallback');
  await expect(form.locator('input[name="fallbackScsv"]')).toBeChecked();
  await expect(form.locator('input[name="dnssec"]')).toBeEnabled();

  // One message goes to one domain: the sender refuses, and says why, beside the form.
  await form.locator('input[name="to"]').fill('bob@example.jp, carol@example.org');
  await page.getByTestId('compose-send').click();
  await expect(page.getByTestId('send-refused')).toContainText('one domain');
  await form.locator('input[name="to"]').fill('bob@example.jp');

  await policy.selectOption('opportunistic');
  await expect(page.getByTestId('compose-policy-help')).toContainText('STARTTLS');
  await form.locator('input[name="subject"]').fill('Sent from the Send tab');
  await form.locator('textarea[name="body"]').fill('Hello Bob, through mail.sender.example.');
  await page.getByTestId('compose-send').click();
  await expect(page.getByTestId('send-refused')).toHaveCount(0);

  const item = page.getByTestId('outbox-item').filter({ hasText: 'Sent from the Send tab' });
  await expect(item).toHaveAttribute('data-state', 'delivered', { timeout: 30_000 });
  const attempt = item.getByTestId('delivery-attempt').first();
  await expect(attempt).toHaveAttribute('data-result', 'delivered');
  await expect(attempt).toContainText('mx.example.jp');
  await expect(item.getByTestId('notice-text')).toContainText('Final-Recipient: rfc822; bob@example.jp');
  await item.locator('summary').click();
  await expect(item.getByTestId('notice-text')).toBeVisible();
  await page.screenshot({ path: '/tmp/send-tab.png' });

  // The attempt's flow opens the connection in the trace.
  const flow = (await attempt.getByTestId('attempt-flow').innerText()).trim();
  await attempt.getByTestId('attempt-flow').click();
  await expect(page.getByTestId('trace-detail')).toBeVisible();
  await expect(page.getByTestId('trace-detail')).toContainText(flow);

  // The sender's decisions sit between the wire rows, each with its rule.
  const decisions = page.locator('[data-testid="trace-row"][data-layer="policy"]');
  await expect(decisions.first()).toBeVisible();
  expect(await decisions.count()).toBeGreaterThan(1);
  await expect(decisions.filter({ hasText: /RFC \d+/ }).first()).toBeVisible();
  await page.screenshot({ path: '/tmp/send-trace.png' });

  await page.getByTestId('mailbox-tab').click();
  await page.getByTestId('mailbox-item').filter({ hasText: 'Sent from the Send tab' }).click();
  await expect(page.getByTestId('mailbox-detail')).toContainText('Hello Bob, through mail.sender.example.');

  await page.getByTestId('lang-switch').locator('[data-locale="ja"]').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByTestId('send-tab')).toContainText('送信');
  await expect(page.getByTestId('mta-sts-tab')).toContainText('MTA-STS ポリシー');
  await expect(page.getByTestId('attacker-tab')).toContainText('攻撃者');
  await expect(page.getByTestId('mailbox-tab')).toContainText('受信箱');
  await expect(decisions.first()).toContainText(/[\u3040-\u30ff\u4e00-\u9fff]/);
  await page.getByTestId('send-tab').click();
  await expect(item).toContainText('配送済み');
  await page.screenshot({ path: '/tmp/send-tab-ja.png' });
});

test('the MTA-STS policy editor and the TLS-RPT viewer', async ({ page, lab }) => {
  await openLab(page, lab);
  await page.getByTestId('mta-sts-tab').click();
  const editor = page.getByTestId('policy-editor');
  await expect(editor).toHaveAttribute('data-domain', 'example.jp');
  const text = editor.locator('textarea[name="policy"]');
  await expect(text).toHaveValue(/version: STSv1/);

  await text.fill('version: STSv1\nmode: enforce\nmx: mx.example.jp\nmax_age: soon\n');
  await page.getByTestId('policy-save').click();
  const problems = page.getByTestId('policy-problems');
  await expect(problems).not.toHaveAttribute('data-count', '0');
  await expect(problems).toContainText('max_age');
  await expect(problems).toContainText('RFC 8461');
  await page.screenshot({ path: '/tmp/mta-sts-tab.png' });

  await text.fill('version: STSv1\nmode: testing\nmx: mx.example.jp\nmax_age: 86400\n');
  await page.getByTestId('policy-lesson').selectOption('not-found');
  await page.getByTestId('policy-save').click();
  await expect(problems).toHaveAttribute('data-count', '0');
  await expect(page.getByTestId('policy-lesson')).toHaveValue('not-found');

  await page.getByTestId('send-tab').click();
  await page.getByTestId('compose-policy').selectOption('mta-sts');
  await page.getByTestId('compose-form').locator('input[name="subject"]').fill('Counted for TLS-RPT');
  await page.getByTestId('compose-send').click();
  const item = page.getByTestId('outbox-item').filter({ hasText: 'Counted for TLS-RPT' });
  await expect(item).toHaveAttribute('data-state', /delivered|deferred|bounced/, { timeout: 30_000 });

  await page.getByTestId('tlsrpt-tab').click();
  await page.getByTestId('tlsrpt-flush').click();
  const report = page.getByTestId('tlsrpt-report');
  await expect(report).toBeVisible({ timeout: 30_000 });
  await expect(report).toContainText('organization-name');
  await expect(report).toContainText('example.jp');
  await expect(report.getByTestId('tlsrpt-policy').first()).toBeVisible();
  await report.getByTestId('tlsrpt-raw-toggle').check();
  await expect(report.getByTestId('tlsrpt-raw')).toContainText('"report-id"');
  await page.screenshot({ path: '/tmp/tlsrpt-tab.png' });
});
