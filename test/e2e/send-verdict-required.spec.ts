// The Send tab's transport line says whether a policy required the certificate: opportunistic TLS
// that happened to verify is "valid but not required"; MTA-STS enforce is "required by" it.
import { test, expect, openLab } from './lab-fixture.ts';

test.use({ viewport: { width: 1280, height: 720 } });

test('the transport verdict tells a required authentication from a lucky one, in English and Japanese', async ({ page, lab }, testInfo) => {
  await openLab(page, lab);
  await page.getByTestId('send-tab').click();
  const form = page.getByTestId('compose-form');
  const send = async (policy: string, subject: string) => {
    await page.getByTestId('compose-policy').selectOption(policy);
    await form.locator('input[name="subject"]').fill(subject);
    await page.getByTestId('compose-send').click();
    const item = page.getByTestId('outbox-item').filter({ hasText: subject });
    await expect(item).toHaveAttribute('data-state', 'delivered', { timeout: 30_000 });
    return item.locator('[data-kind="transport"]');
  };

  const opportunistic = await send('opportunistic', 'Opportunistic');
  await expect(opportunistic).toContainText('certificate valid (PKIX) but not required (it would have been sent anyway)');
  await expect(opportunistic).toHaveClass(/tone-warn/);
  const enforced = await send('mta-sts', 'Enforced');
  await expect(enforced).toContainText('certificate verified (PKIX), required by MTA-STS (enforce)');
  await expect(enforced).toHaveClass(/tone-ok/);
  await page.screenshot({ path: testInfo.outputPath('send-verdict-en.png') });

  await page.getByTestId('lang-switch').locator('[data-locale="ja"]').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(opportunistic).toContainText('証明書は有効（PKIX）だが認証は求められていない（有効でなくても送っていた）');
  await expect(enforced).toContainText('証明書を検証済み（PKIX、要求したポリシー：MTA-STS（enforce））');
  await page.screenshot({ path: testInfo.outputPath('send-verdict-ja.png') });
  await opportunistic.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('send-verdict-opportunistic-ja.png') });
});
