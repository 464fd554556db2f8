// Labs 15 (ARC) and 16 (submission and OP25B) done by a learner through the window's terminal:
// lab 15 in Japanese, where `lab arc trust` turns a sealed list message from Junk into the inbox
// and `lab arc untrust` gets it refused; lab 16 in English, with port 25 refused to relay, then
// blocked by the ISP, while swaks submits on 587 under the eavesdropper's eyes.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { serveLab, type ServedLab } from '../support/serve-lab.ts';
import { typeLine } from './lab-fixture.ts';

test.use({ viewport: { width: 1280, height: 720 } });

let lab: ServedLab;
test.beforeAll(async () => {
  lab = await serveLab([], mkdtempSync(join(tmpdir(), 'smtp-lab-arc-')));
});
test.afterAll(async () => {
  await lab.stop();
});

async function openLesson(page: Page, id: string, locale: 'ja' | 'en') {
  await page.addInitScript((l) => localStorage.setItem('smtp-lab.locale', l), locale);
  await page.goto(`${lab.url}&lab=${id}`);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'open');
  await expect(page.getByTestId('lesson-pane')).toHaveAttribute('data-lab', id);
  await expect(page.getByTestId('lesson-opening')).toHaveCount(0, { timeout: 20_000 });
  const step = (s: string) => page.locator(`[data-testid="lesson-step"][data-step="${s}"]`);
  return (s: string) => expect(step(s)).toHaveAttribute('data-done', 'true', { timeout: 30_000 });
}

const SEND = 'lab send --from alice@sender.example --to bob@example.jp --subject "Board minutes" --body "The board met on Monday."';

test('lab 15-arc in Japanese: the trusted seal overrides DMARC, untrusted it does not', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const done = await openLesson(page, '15-arc', 'ja');
  await page.getByTestId('terminal').click();
  await typeLine(page, `clear; ${SEND}`);
  await done('direct-pass');
  await typeLine(page, `clear; ${SEND} --attack mailing-list --param arc=off`);
  await done('list-breaks-dkim');
  await typeLine(page, "clear; lab postconf -e 'smtpd_milters = inet:localhost:8891, inet:localhost:8893, inet:localhost:8894'");
  await typeLine(page, `clear; ${SEND} --attack mailing-list --param arc=on`);
  await done('sealed-untrusted');
  await typeLine(page, 'clear; lab arc trust attacker.example');
  await done('trust-sealer');
  await typeLine(page, `clear; ${SEND} --attack mailing-list --param arc=on`);
  await done('override-quarantine');
  await page.screenshot({ path: testInfo.outputPath('lab-15-arc-ja.png') });
  await typeLine(page, `clear; lab dns replace _dmarc.sender.example TXT '"v=DMARC1; p=reject"'`);
  await typeLine(page, `clear; ${SEND} --attack mailing-list --param arc=on`);
  await done('override-reject');
  await typeLine(page, 'clear; lab arc untrust attacker.example');
  await typeLine(page, `clear; ${SEND} --attack mailing-list --param arc=on`);
  await done('untrusted-reject');
  await expect(page.getByTestId('terminal')).toContainText('DATA の終わりで拒否', { timeout: 20_000 });
  await page.screenshot({ path: testInfo.outputPath('lab-15-arc-ja-done.png') });
});

test('lab 16-submission-op25b in English: relay refused, port 25 blocked, 587 read until TLS', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const done = await openLesson(page, '16-submission-op25b', 'en');
  const port = lab.hosts['mx.example.jp'].ports['587'];
  const swaks = (auth: string, user: string, extra = '') =>
    `clear; swaks --server 127.0.0.1:${port} --helo laptop.example --from ${user}@example.jp --to carol@other.example --auth ${auth} --auth-user ${user} --auth-password ${user}-password ${extra} | tail -3`;
  await page.getByTestId('terminal').click();
  await typeLine(page, 'clear; smtp mx.example.jp');
  await expect(page.getByTestId('terminal')).toContainText('220 ', { timeout: 20_000 });
  await typeLine(page, 'EHLO laptop.example');
  await typeLine(page, 'MAIL FROM:<alice@example.jp>');
  await typeLine(page, 'RCPT TO:<carol@other.example>');
  await done('relay-denied');
  await typeLine(page, 'QUIT');
  await typeLine(page, 'clear; lab isp op25b on; smtp mx.example.jp');
  await done('blocked-25');
  await typeLine(page, 'clear; smtp mx.example.jp 587');
  await expect(page.getByTestId('terminal')).toContainText('220 ', { timeout: 20_000 });
  await typeLine(page, 'EHLO laptop.example');
  await typeLine(page, 'MAIL FROM:<alice@example.jp>');
  await done('auth-required');
  await typeLine(page, 'QUIT');
  await typeLine(page, 'clear; lab attack eavesdrop');
  await typeLine(page, swaks('PLAIN', 'alice'));
  await done('plain-read');
  await typeLine(page, swaks('LOGIN', 'bob'));
  await done('login-read');
  await typeLine(page, swaks('CRAM-MD5', 'alice'));
  await done('cram-md5');
  await typeLine(page, "clear; lab postconf -e 'smtpd_tls_auth_only = yes'");
  await typeLine(page, swaks('PLAIN', 'alice', '--tls'));
  await done('tls-only');
  await typeLine(page, 'clear; lab attack status');
  await expect(page.getByTestId('terminal')).toContainText('could not read (TLS)', { timeout: 20_000 });
  await page.screenshot({ path: testInfo.outputPath('lab-16-submission-op25b-en.png') });
});
