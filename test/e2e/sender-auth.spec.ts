// Sender authentication in the Mailbox: the learner turns the receiver's milters on in the
// terminal, sends a genuine message and one spoofed through the attacker's MTA under
// p=quarantine, and reads SPF, DKIM and DMARC and the Junk folder in the Mailbox, in English
// and Japanese, and the receiver's verdict beside each message in the Send tab.
import { test, expect, openLab, screenshotPath, terminalText, typeLine } from './lab-fixture.ts';

test.use({ viewport: { width: 1280, height: 720 } });

test('Mailbox: Authentication-Results, the decision and the Junk folder', async ({ page, lab }, testInfo) => {
  await openLab(page, lab);
  await typeLine(page, "lab postconf -e 'smtpd_milters = inet:localhost:8891, inet:localhost:8893'");
  await typeLine(page, `lab dns replace _dmarc.sender.example TXT '"v=DMARC1; p=quarantine"'`);
  await typeLine(page, 'lab send --from alice@sender.example --to bob@example.jp --subject Genuine --body "From the real sender."');
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/delivered/);
  await typeLine(page, 'clear; lab send --from alice@sender.example --to bob@example.jp --subject Spoofed --body "Pay now." --attack spoof-from');
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/attackRestored|restored|outcome/i);

  await page.getByTestId('mailbox-tab').click();
  const items = page.getByTestId('mailbox-item');
  await expect(items).toHaveCount(2, { timeout: 20_000 });
  await expect(page.getByTestId('mailbox-item-junk')).toHaveCount(1);

  await items.filter({ hasText: 'Genuine' }).click();
  await expect(page.getByTestId('auth-spf')).toHaveText('pass');
  await expect(page.getByTestId('auth-dkim')).toHaveText('pass');
  await expect(page.getByTestId('auth-dmarc')).toHaveText('pass');
  await expect(page.getByTestId('auth-field')).toContainText('Authentication-Results: mx.example.jp;');

  await items.filter({ hasText: 'Spoofed' }).click();
  await expect(page.getByTestId('mailbox-junk')).toBeVisible();
  await expect(page.getByTestId('auth-spf')).toHaveText('fail');
  await expect(page.getByTestId('auth-dkim')).toHaveText('none');
  await expect(page.getByTestId('auth-dmarc')).toHaveText('fail');
  await expect(page.getByTestId('auth-decision')).toContainText('p=quarantine');
  await page.getByTestId('mailbox-auth').scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('mailbox-auth.png', testInfo) });

  await page.getByTestId('lang-switch').locator('[data-locale="ja"]').click();
  await expect(page.getByTestId('mailbox-auth')).toContainText('送信ドメイン認証');
  await expect(page.getByTestId('auth-decision')).toContainText('迷惑メールフォルダー');
  await expect(page.getByTestId('mailbox-junk')).toHaveText('迷惑メール');
  await page.screenshot({ path: screenshotPath('mailbox-auth-ja.png', testInfo) });

  // The Send tab says the same about each message it sent: the receiver's words and the folder.
  await page.getByTestId('send-tab').click();
  const spoofed = page.getByTestId('outbox-item').filter({ hasText: 'Spoofed' });
  await expect(spoofed.locator('[data-kind="receiver"]')).toHaveText('mx.example.jp の送信ドメイン認証：spf=fail dkim=none dmarc=fail。迷惑メールフォルダーに入りました。');
  await expect(page.getByTestId('outbox-item').filter({ hasText: 'Genuine' }).locator('[data-kind="receiver"]')).toContainText('spf=pass dkim=pass dmarc=pass');
  await page.screenshot({ path: screenshotPath('send-auth-ja.png', testInfo) });

  // The submission accounts beside mx.example.jp in the Lab hosts tab, as `lab hosts` prints them.
  await page.getByTestId('hosts-tab').click();
  await expect(page.getByTestId('hosts-accounts')).toContainText('alice / alice-password · 587');
  await expect(page.getByTestId('hosts-accounts')).toContainText('bob / bob-password · 587');
  await page.screenshot({ path: screenshotPath('hosts-accounts-ja.png', testInfo) });
});
