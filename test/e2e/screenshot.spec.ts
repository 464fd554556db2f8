// The README's picture of the main window, taken from a real session.
import { test, expect, openLab, typeLine, waitForReply, terminalText } from './lab-fixture.ts';

test('main window after a STARTTLS session', async ({ page, lab }) => {
  await openLab(page, lab);
  await typeLine(page, 'smtp mx.example.jp');
  let seq = await waitForReply(page, '220');
  await typeLine(page, 'EHLO learner.example');
  seq = await waitForReply(page, 'STARTTLS', seq);
  await typeLine(page, 'STARTTLS');
  seq = await waitForReply(page, '220', seq);
  await expect.poll(() => terminalText(page)).toMatch(/TLSv1\.3/);
  await typeLine(page, 'EHLO learner.example');
  seq = await waitForReply(page, /250/, seq);
  await typeLine(page, 'MAIL FROM:<alice@sender.example>');
  seq = await waitForReply(page, /250/, seq);
  await typeLine(page, 'RCPT TO:<bob@example.jp>');
  seq = await waitForReply(page, /250/, seq);
  await typeLine(page, 'DATA');
  seq = await waitForReply(page, '354', seq);
  await typeLine(page, 'Subject: Hello over STARTTLS');
  await typeLine(page, '');
  await typeLine(page, 'Typed by hand.');
  await typeLine(page, '.');
  await waitForReply(page, /250/, seq);
  await expect(page.getByTestId('mailbox-item').filter({ hasText: 'Hello over STARTTLS' })).toBeVisible();
  await page.screenshot({ path: 'docs/screenshot.png' });
});
