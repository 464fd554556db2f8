// The on-path attacker from the learner's side: switch on strip-starttls in the Attacker tab,
// send from the Send tab, see the attacker's red rows with the bytes it changed, and read the
// body the attacker learnt.
import { test, expect, openLab, screenshotPath } from './lab-fixture.ts';

test.use({ viewport: { width: 1600, height: 1200 } });

test('strip-starttls: red rows with the changed bytes, the body in the attacker’s knowledge', async ({ page, lab }, testInfo) => {
  await openLab(page, lab);
  await page.getByTestId('attacker-tab').click();
  await expect(page.getByTestId('attack-off')).toBeVisible();

  const strip = page.locator('[data-testid="attack-item"][data-name="strip-starttls"]');
  await strip.getByTestId('attack-toggle').click();
  await expect(page.getByTestId('attack-active')).toHaveAttribute('data-name', 'strip-starttls');
  await expect(strip).toHaveAttribute('data-active', 'true');
  await expect(page.getByTestId('attack-indicator')).toBeVisible();

  await page.getByTestId('send-tab').click();
  const form = page.getByTestId('compose-form');
  await page.getByTestId('compose-policy').selectOption('opportunistic');
  await form.locator('input[name="subject"]').fill('Read on the path');
  await form.locator('textarea[name="body"]').fill('The meeting moved to Friday.');
  await page.getByTestId('compose-send').click();
  const item = page.getByTestId('outbox-item').filter({ hasText: 'Read on the path' });
  await expect(item).toHaveAttribute('data-state', 'delivered', { timeout: 30_000 });
  // Without STARTTLS offered, an opportunistic sender goes on in plaintext.
  await expect(item.getByTestId('delivery-attempt').last()).toContainText('plaintext');
  // Delivered, but not a success: the verdict says the attacker read it, and why.
  const verdict = item.getByTestId('outbox-verdict');
  await expect(verdict).toHaveAttribute('data-attacker-read', 'true');
  await expect(verdict).toContainText('The genuine mx.example.jp received it.');
  await expect(verdict).toContainText('The attacker READ this message.');
  await expect(verdict).toContainText('in plaintext');
  await expect(item.getByTestId('outbox-read')).toBeVisible();

  // The same message under MTA-STS: refused, and the attacker did not read it.
  await page.getByTestId('compose-policy').selectOption('mta-sts');
  await form.locator('input[name="subject"]').fill('Kept from the path');
  await page.getByTestId('compose-send').click();
  const kept = page.getByTestId('outbox-item').filter({ hasText: 'Kept from the path' });
  await expect(kept).toHaveAttribute('data-state', 'deferred', { timeout: 30_000 });
  await expect(kept.getByTestId('outbox-verdict')).toHaveAttribute('data-attacker-read', 'false');
  await expect(kept.getByTestId('outbox-verdict')).toContainText('RFC 8461 §5 stopped it.');
  await page.getByTestId('lang-switch').locator('[data-locale="ja"]').click();
  await expect(item.getByTestId('outbox-verdict')).toContainText('攻撃者はこのメッセージを読みました。');
  await expect(kept.getByTestId('outbox-verdict')).toContainText('攻撃者はこのメッセージを読めませんでした。');
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: testInfo.outputPath('send-verdict-ja.png') });
  await page.setViewportSize({ width: 1600, height: 1200 });
  await page.getByTestId('lang-switch').locator('[data-locale="en"]').click();

  const attackRows = page.locator('[data-testid="trace-row"][data-layer="attack"]');
  await expect(attackRows.first()).toBeVisible();
  await expect(attackRows.first()).toHaveClass(/attack/);
  const rewrite = attackRows.filter({ hasText: '250-XXXXXXXA' }).first();
  await rewrite.click();
  const diff = page.getByTestId('byte-diff');
  await expect(diff).toBeVisible();
  await expect(diff.locator('[data-side="before"] .removed').first()).toBeVisible();
  await expect(diff.locator('[data-side="after"]')).toContainText('XXXXXXXA');
  // The README's picture of an attack.
  await page.screenshot({ path: screenshotPath('screenshot-attack.png', testInfo) });

  await page.getByTestId('attack-indicator').click();
  const knowledge = page.getByTestId('attack-knowledge');
  await expect(knowledge).toContainText('alice@sender.example');
  await expect(knowledge.getByTestId('attack-message-body').filter({ hasText: 'The meeting moved to Friday.' })).toBeVisible();
  await expect(knowledge.getByTestId('attack-plaintext-bytes')).not.toContainText(/^0 /);
  await page.screenshot({ path: testInfo.outputPath('attack-panel.png') });

  await page.getByTestId('lang-switch').locator('[data-locale="ja"]').click();
  await expect(page.getByTestId('attack-active')).toContainText('攻撃中');
  await page.screenshot({ path: testInfo.outputPath('attack-panel-ja.png') });

  await strip.getByTestId('attack-toggle').click();
  await expect(page.getByTestId('attack-off')).toBeVisible();
  await expect(page.getByTestId('attack-indicator')).toHaveCount(0);
});
