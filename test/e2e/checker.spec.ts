// The Checker tab as a learner uses it: test example.jp and see every item pass; put an attacker on
// the checker's path and see STARTTLS fail with the evidence, what to change and the lab that
// teaches it; the same in Japanese.
import { test, expect, openLab } from './lab-fixture.ts';

test.use({ viewport: { width: 1280, height: 720 } });

test('the Checker tab: score, items, evidence, what to change, the lab link', async ({ page, lab }) => {
  test.setTimeout(120_000);
  await openLab(page, lab);
  await page.getByTestId('checker-tab').click();
  const pane = page.getByTestId('checker-pane');
  await expect(pane.locator('input[name="domain"]')).toHaveValue('example.jp');
  await page.getByTestId('checker-run').click();
  await expect(page.getByTestId('checker-score')).toHaveAttribute('data-score', '100', { timeout: 60_000 });
  const items = page.getByTestId('checker-item');
  // 11 scored items (transport and sender authentication) and 2 for information (arc, bimi).
  await expect(items).toHaveCount(13);
  for (const id of ['starttls', 'tls-version', 'ciphers', 'certificate', 'dnssec', 'dane', 'mta-sts', 'tls-rpt', 'spf', 'dkim', 'dmarc']) {
    await expect(pane.locator(`[data-testid="checker-item"][data-id="${id}"]`)).toHaveAttribute('data-pass', 'true');
  }
  // Each row is named; arc and bimi say they are information, and the count leaves them out.
  await expect(pane.locator('[data-testid="checker-item"][data-id="dmarc"]')).toContainText('DMARC policy');
  await expect(pane.locator('[data-testid="checker-item"][data-id="arc"]')).toHaveAttribute('data-info', 'true');
  await expect(pane.locator('[data-testid="checker-item"][data-id="bimi"]')).toContainText(/BIMI\s*info/i);
  await expect(page.getByTestId('checker-score')).toContainText('11 of 11 items pass');
  await pane.locator('[data-testid="checker-item"][data-id="dmarc"]').click();
  await expect(page.getByTestId('checker-lab')).toContainText('Lab 14 · DMARC');
  await pane.locator('[data-testid="checker-item"][data-id="dane"]').click();
  await expect(page.getByTestId('checker-detail')).toContainText('TLSA secure');
  await expect(page.getByTestId('checker-lab')).toHaveAttribute('data-lab', '09-dane');
  await page.screenshot({ path: '/tmp/checker-en-pass.png' });

  // An attacker on the checker's own path: what it sees changes, not the server.
  const response = await fetch(`http://127.0.0.1:${new URL(lab.url).port}/api/attack`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${lab.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'strip-starttls', params: { link: 'checker' } }),
  });
  expect(response.status).toBe(200);
  await page.getByTestId('checker-run').click();
  await expect(page.getByTestId('checker-score')).toHaveAttribute('data-score', /^(?!100$)\d+$/, { timeout: 60_000 });
  await expect(pane.locator('[data-testid="checker-item"][data-id="starttls"]')).toHaveAttribute('data-pass', 'false');
  await pane.locator('[data-testid="checker-item"][data-id="starttls"]').click();
  const detail = page.getByTestId('checker-detail');
  await expect(detail).toContainText('no STARTTLS in the EHLO reply');
  await expect(page.getByTestId('checker-fix')).toContainText('smtpd_tls_security_level = may');
  await expect(page.getByTestId('checker-lab')).toContainText('Lab 3 · STARTTLS');
  await page.screenshot({ path: '/tmp/checker-en-fail.png' });

  await page.getByTestId('lang-switch').locator('[data-locale="ja"]').click();
  await expect(page.getByTestId('checker-tab')).toContainText('チェッカー');
  await expect(page.getByTestId('checker-fix')).toContainText('ポート 25 で');
  await expect(pane.locator('[data-testid="checker-item"][data-id="starttls"]')).toContainText('不合格');
  await page.screenshot({ path: '/tmp/checker-ja-fail.png' });
  await pane.locator('[data-testid="checker-item"][data-id="ciphers"]').click();
  await page.screenshot({ path: '/tmp/checker-ja-ciphers.png' });
  await expect(pane.locator('[data-testid="checker-item"][data-id="spf"]')).toContainText('SPF レコード');
  await pane.locator('[data-testid="checker-item"][data-id="bimi"]').click();
  await expect(page.getByTestId('checker-detail')).toContainText('参考');
  await expect(page.getByTestId('checker-lab')).toContainText('実習 14・DMARC');
  await page.screenshot({ path: '/tmp/checker-ja-bimi.png' });
});

test('a name that is no domain is refused in the language of the UI', async ({ page, lab }) => {
  await openLab(page, lab);
  await page.getByTestId('lang-switch').locator('[data-locale="ja"]').click();
  await page.getByTestId('checker-tab').click();
  const pane = page.getByTestId('checker-pane');
  await pane.locator('input[name="domain"]').fill('bad!name');
  await page.getByTestId('checker-run').click();
  const failure = pane.getByRole('alert');
  await expect(failure).toContainText('bad!name');
  await expect(failure).toHaveText(/[\u3040-\u30ff\u4e00-\u9fff]/);
  // Nothing but the name itself and the RFC cited is in Latin letters: the sentence is Japanese.
  expect((await failure.innerText()).replaceAll('bad!name', '').replace(/（RFC [^）]*）/g, '')).not.toMatch(/[A-Za-z]{4,}/);
});
