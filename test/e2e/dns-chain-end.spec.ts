// The DNS tab's chain of trust for an insecure delegation (example.jp in missing-ds mode): it says
// where the chain stops and why (no DS in jp., RFC 4035 §5.2), in English and in Japanese.
import { test, expect, openLab } from './lab-fixture.ts';

test('the chain of trust ends at an insecure delegation, in English and Japanese', async ({ page, lab }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openLab(page, lab);
  await page.getByTestId('dns-tab').click();
  const editor = page.getByTestId('zone-editor');
  await editor.locator('select[name="zone"]').selectOption('example.jp');
  await editor.locator('select[name="mode"]').selectOption('missing-ds');
  await expect(editor.locator('select[name="mode"]')).toHaveValue('missing-ds');
  const form = page.getByTestId('dns-query-form');
  await form.locator('input[name="name"]').fill('example.jp');
  await form.locator('select[name="type"]').selectOption('MX');
  await form.locator('input[name="validate"]').check();
  await form.getByRole('button').click();

  const chain = page.getByTestId('chain-of-trust');
  await expect(chain).toHaveAttribute('data-status', 'insecure');
  const zone = chain.locator('[data-zone="example.jp"]');
  await expect(zone).toHaveAttribute('data-state', 'insecure');
  await expect(zone).toContainText('no DS in jp.');
  await expect(zone.getByTestId('chain-end')).toHaveText('chain ends: insecure delegation');
  await expect(chain.locator('[data-link="rrset"]')).toContainText('RRSIG not checked');
  await expect(zone).not.toContainText('DNSKEY');
  await chain.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('dns-chain-end-en.png') });

  await page.getByTestId('lang-switch').locator('[data-locale="ja"]').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(zone).toContainText('jp. に DS なし');
  await expect(zone.getByTestId('chain-end')).toHaveText('連鎖はここまで：安全でない委任');
  await page.screenshot({ path: testInfo.outputPath('dns-chain-end-ja.png') });
});
