// A learner types a whole SMTP session in the lab terminal; the ladder and the mailbox show it.
import { test, expect, openLab, typeLine, typeStarttlsSession, waitForReply, smtpRows } from './lab-fixture.ts';

test.use({ viewport: { width: 1600, height: 1400 } });

const subject = (tag: string) => `Lab test ${tag} ${Date.now()}`;

/** Asserts the client lines and server replies appear in the ladder in exactly this order. */
function expectInOrder(rows: { dir: string; text: string }[], expected: [string, RegExp][]) {
  let at = 0;
  for (const [dir, pattern] of expected) {
    const found = rows.findIndex((row, i) => i >= at && row.dir === dir && pattern.test(row.text));
    expect(found, `expected ${dir} ${pattern} after row ${at} in:\n${rows.map((r) => `${r.dir} ${r.text}`).join('\n')}`).toBeGreaterThanOrEqual(at);
    at = found + 1;
  }
}

test('plaintext session typed by hand reaches the mailbox and the ladder', async ({ page, lab }) => {
  const title = subject('plain');
  await openLab(page, lab);
  await typeLine(page, 'smtp mx.example.jp');
  let seq = await waitForReply(page, '220');
  await typeLine(page, 'EHLO learner.example');
  seq = await waitForReply(page, 'STARTTLS', seq);
  await typeLine(page, 'MAIL FROM:<alice@sender.example>');
  seq = await waitForReply(page, /^[\s\S]*250/, seq);
  await typeLine(page, 'RCPT TO:<bob@example.jp>');
  seq = await waitForReply(page, /250/, seq);
  await typeLine(page, 'DATA');
  seq = await waitForReply(page, '354', seq);
  await typeLine(page, `Subject: ${title}`);
  await typeLine(page, 'From: alice@sender.example');
  await typeLine(page, '');
  await typeLine(page, 'Hello from the lab terminal.');
  await typeLine(page, '.');
  seq = await waitForReply(page, /250/, seq);
  await typeLine(page, 'QUIT');
  await waitForReply(page, '221', seq);

  expectInOrder(await smtpRows(page), [
    ['s2c', /220/],
    ['c2s', /EHLO learner\.example/],
    ['s2c', /250/],
    ['c2s', /MAIL FROM:<alice@sender\.example>/],
    ['s2c', /250/],
    ['c2s', /RCPT TO:<bob@example\.jp>/],
    ['s2c', /250/],
    ['c2s', /DATA/],
    ['s2c', /354/],
    ['c2s', new RegExp(title)],
    ['s2c', /250/],
    ['c2s', /QUIT/],
    ['s2c', /221/],
  ]);
  for (const row of await smtpRows(page)) expect(row.visibility).toBe('plaintext');

  const item = page.getByTestId('mailbox-item').filter({ hasText: title });
  await expect(item).toBeVisible();
  await expect(item).toContainText(/plaintext/i);
  await item.click();
  const detail = page.getByTestId('mailbox-detail');
  await expect(detail).toContainText('alice@sender.example');
  await expect(detail).toContainText('bob@example.jp');
  await expect(detail).toContainText('Hello from the lab terminal.');
});

test('STARTTLS upgrades the typed session; rows after it are encrypted and the mailbox says TLS', async ({ page, lab }) => {
  const title = subject('tls');
  await openLab(page, lab);
  const upgradeSeq = await typeStarttlsSession(page, title, 'Sent inside TLS.');

  const tlsRows = page.locator('[data-testid="trace-row"][data-layer="tls"]');
  await expect(tlsRows.filter({ hasText: /ClientHello/ }).first()).toBeVisible();
  await expect(tlsRows.filter({ hasText: /ServerHello/ }).first()).toContainText('TLSv1.3');
  await expect(tlsRows.filter({ hasText: /ServerHello/ }).first()).toHaveAttribute('data-visibility', 'plaintext');
  await expect(tlsRows.and(page.locator('[data-visibility="encrypted"]')).first()).toBeVisible();

  const rows = await smtpRows(page);
  const afterUpgrade = rows.filter((row) => row.seq > upgradeSeq);
  expect(afterUpgrade.map((r) => r.text).join('\n')).toMatch(/MAIL FROM:<alice@sender\.example>/);
  for (const row of afterUpgrade) expect(row.visibility, row.text).toBe('encrypted');
  for (const row of rows.filter((r) => r.seq <= upgradeSeq)) expect(row.visibility, row.text).toBe('plaintext');

  const item = page.getByTestId('mailbox-item').filter({ hasText: title });
  await expect(item).toContainText('TLSv1.3');
  await item.click();
  await expect(page.getByTestId('mailbox-detail')).toContainText(/TLSv1\.3/);
});

test('a trace row opens its raw bytes and decoding', async ({ page, lab }) => {
  await openLab(page, lab);
  await typeLine(page, 'smtp mx.example.jp');
  const seq = await waitForReply(page, '220');
  await page.locator(`[data-testid="trace-row"][data-seq="${seq}"]`).click();
  const detail = page.getByTestId('trace-detail');
  await expect(detail).toContainText('220');
  // The hex dump of "220 " starts with 32 32 30 20.
  await expect(detail).toContainText(/32 32 30 20/);
});
