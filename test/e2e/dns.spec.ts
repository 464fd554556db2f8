// The lab DNS from the learner's side: labdig in the terminal, the DNS tab's lookups, a validated
// query with its chain of trust, and a zone broken on purpose coming back bogus.
import { test, expect, openLab, typeLine, terminalText } from './lab-fixture.ts';

test.use({ viewport: { width: 1600, height: 1400 } });

test('labdig, the DNS tab, a secure chain of trust and a bogus zone', async ({ page, lab }) => {
  await openLab(page, lab);
  await typeLine(page, 'labdig example.jp MX');
  await expect.poll(() => terminalText(page)).toMatch(/VALIDATION: SECURE/);
  expect(await terminalText(page)).toContain('10 mx.example.jp.');

  await page.getByTestId('dns-tab').click();
  const row = page.locator('[data-testid="dns-lookup"]', { hasText: 'example.jp MX' }).first();
  await expect(row).toHaveAttribute('data-status', 'secure');
  // The lookup names who asked as the trace does: the learner's terminal, not the engine's node id.
  await expect(row).toContainText('your terminal');

  const form = page.getByTestId('dns-query-form');
  await form.locator('input[name="name"]').fill('_25._tcp.mx.example.jp');
  await form.locator('select[name="type"]').selectOption('TLSA');
  await form.locator('input[name="validate"]').check();
  await form.getByRole('button').click();
  const chain = page.getByTestId('chain-of-trust');
  await expect(chain).toHaveAttribute('data-status', 'secure');
  await expect(chain).toContainText('_25._tcp.mx.example.jp TLSA');
  await expect(chain).toContainText('secure');
  for (const zone of ['.', 'jp', 'example.jp']) await expect(chain.locator(`[data-zone="${zone}"]`)).toHaveAttribute('data-state', 'secure');
  await expect(chain.locator('[data-link="rrset"]')).toHaveAttribute('data-state', 'secure');
  await expect(page.locator('[data-testid="dns-lookup"][data-status="secure"]', { hasText: '_25._tcp.mx.example.jp TLSA' }).first()).toBeVisible();
  await page.screenshot({ path: '/tmp/dns-tab-secure.png' });

  // An empty answer is not an RRset: the chain ends in the signed denial (RFC 4035 §3.1.3.1).
  await form.locator('input[name="name"]').fill('mx.example.jp');
  await form.locator('select[name="type"]').selectOption('AAAA');
  await form.getByRole('button').click();
  await expect(chain).toContainText('mx.example.jp AAAA');
  await expect(chain.getByTestId('chain-rrset')).toHaveText('no AAAA (NODATA)');
  await expect(chain).toHaveAttribute('data-status', 'secure');
  await form.locator('input[name="name"]').fill('_25._tcp.mx.example.jp');
  await form.locator('select[name="type"]').selectOption('TLSA');

  const editor = page.getByTestId('zone-editor');
  await editor.locator('select[name="zone"]').selectOption('example.jp');
  await editor.locator('input[name="name"]').fill('_25._tcp.mx');
  await editor.locator('select[name="rrtype"]').selectOption('TLSA');
  await editor.locator('input[name="value"]').fill('3 1 1 abc');
  await editor.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('zone-error')).toContainText('Refused');

  await editor.locator('select[name="mode"]').selectOption('bad-signature');
  await expect(editor.locator('select[name="mode"]')).toHaveValue('bad-signature');
  await form.getByRole('button').click();
  await expect(chain).toHaveAttribute('data-status', 'bogus');
  await expect(chain).toContainText('bogus');
  await expect(chain).toContainText('_25._tcp.mx.example.jp TLSA');
  // The keys still match their DS; what fails is the RRSIG over the answer.
  await expect(chain.locator('[data-zone="example.jp"]')).toHaveAttribute('data-state', 'secure');
  await expect(chain.locator('[data-link="rrset"]')).toHaveAttribute('data-state', 'bogus');
  await expect(page.locator('[data-testid="dns-lookup"][data-status="bogus"]').first()).toBeVisible();
  await page.screenshot({ path: '/tmp/dns-tab-bogus.png' });
});
