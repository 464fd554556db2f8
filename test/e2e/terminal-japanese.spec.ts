// A learner types Japanese in the lab terminal: the shell gets text, not Meta keys, and a
// hand-typed message with a Japanese body arrives whole.
import { test, expect, openLab, terminalText, typeLine, waitForReply } from './lab-fixture.ts';

test('Japanese typed in the terminal reaches the shell and the mailbox', async ({ page, lab }) => {
  await openLab(page, lab);
  await typeLine(page, 'echo 会議の件');
  await expect.poll(async () => (await terminalText(page)).split('会議の件').length - 1).toBeGreaterThanOrEqual(2);

  await typeLine(page, 'smtp mx.example.jp');
  let seq = await waitForReply(page, '220');
  await typeLine(page, 'EHLO learner.example');
  seq = await waitForReply(page, /250/, seq);
  await typeLine(page, 'MAIL FROM:<alice@sender.example>');
  seq = await waitForReply(page, /250/, seq);
  await typeLine(page, 'RCPT TO:<bob@example.jp>');
  seq = await waitForReply(page, /250/, seq);
  await typeLine(page, 'DATA');
  seq = await waitForReply(page, '354', seq);
  await typeLine(page, 'Subject: Japanese body');
  await typeLine(page, '');
  await typeLine(page, '明日の会議は十時からです。');
  await typeLine(page, '.');
  seq = await waitForReply(page, /250/, seq);
  await typeLine(page, 'QUIT');
  await page.getByTestId('mailbox-item').filter({ hasText: 'Japanese body' }).click();
  await expect(page.getByTestId('mailbox-detail')).toContainText('明日の会議は十時からです。');
});

test('switching the UI to Japanese reaches the shell already open', async ({ page, lab }) => {
  await openLab(page, lab);
  await typeLine(page, 'labdig; echo FIRST-DONE');
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toMatch(/e\.g\. labdig _25\._tcp[\s\S]*FIRST-DONE/);
  const languages = page.getByTestId('lang-switch');
  if ((await languages.evaluate((el) => el.tagName)) === 'SELECT') await languages.selectOption('ja');
  else await languages.locator('[data-locale="ja"]').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await page.getByTestId('terminal').click();
  await typeLine(page, 'clear; labdig; echo SECOND-DONE');
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toMatch(/例：labdig _25\._tcp[\s\S]*SECOND-DONE/);
});
