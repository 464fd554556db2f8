// Lab 14 (DMARC) done by a learner in Japanese through the window's terminal: each step ticks
// as the receiver's checks speak in the trace, and the lesson's last step leaves a spoofed
// message refused with 550 5.7.1 and sender.example's aggregate report in the Mailbox.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { serveLab, type ServedLab } from '../support/serve-lab.ts';
import { typeLine } from './lab-fixture.ts';

test.use({ viewport: { width: 1280, height: 720 } });

let lab: ServedLab;
test.beforeAll(async () => {
  lab = await serveLab([], mkdtempSync(join(tmpdir(), 'smtp-lab-dmarc-')));
});
test.afterAll(async () => {
  await lab.stop();
});

test('lab 14-dmarc, typed in the terminal: every step ticks', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.addInitScript(() => localStorage.setItem('smtp-lab.locale', 'ja'));
  await page.goto(`${lab.url}&lab=14-dmarc`);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'open');
  await expect(page.getByTestId('lesson-pane')).toHaveAttribute('data-lab', '14-dmarc');
  await expect(page.getByTestId('lesson-opening')).toHaveCount(0, { timeout: 20_000 });
  const step = (id: string) => page.locator(`[data-testid="lesson-step"][data-step="${id}"]`);
  const done = (id: string) => expect(step(id)).toHaveAttribute('data-done', 'true', { timeout: 30_000 });

  await page.getByTestId('terminal').click();
  await typeLine(page, "lab postconf -e 'smtpd_milters = inet:localhost:8891, inet:localhost:8893'");
  await done('milters-on');
  await typeLine(page, 'clear; lab send --from alice@sender.example --to bob@example.jp --subject Genuine --body "From the real Alice."');
  await done('genuine-pass');
  await typeLine(page, 'clear; lab send --from alice@sender.example --to bob@example.jp --subject Spoofed --body "Pay now." --attack spoof-from');
  await done('spoof-none');
  await typeLine(page, `clear; lab dns replace _dmarc.sender.example TXT '"v=DMARC1; p=quarantine"'`);
  await typeLine(page, 'clear; lab send --from alice@sender.example --to bob@example.jp --subject Spoofed --body "Pay now." --attack spoof-from');
  await done('quarantine');
  await typeLine(page, `clear; lab dns replace _dmarc.sender.example TXT '"v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.jp"'`);
  await typeLine(page, 'clear; lab send --from alice@sender.example --to bob@example.jp --subject Spoofed --body "Pay now." --attack spoof-from');
  await done('reject');
  await typeLine(page, 'clear; lab send --from alice@sender.example --to bob@example.jp --subject Spoofed --body "Pay now." --attack spoof-from --param mail-from=attacker');
  await done('alignment');
  await page.screenshot({ path: testInfo.outputPath('lab-14-dmarc-ja.png') });
  // The aggregate report for sender.example's rua, built from this traffic, arrives in the Mailbox.
  await typeLine(page, 'clear; lab dmarc send');
  await done('aggregate-report');
  await page.getByTestId('mailbox-tab').click();
  await page.getByTestId('mailbox-item').filter({ hasText: 'Report Domain: sender.example' }).click();
  await page.getByTestId('mailbox-attachment-open').click();
  await expect(page.getByTestId('mailbox-attachment-content')).toContainText('<source_ip>203.0.113.66</source_ip>');
  await page.screenshot({ path: testInfo.outputPath('lab-14-dmarc-report-ja.png') });
});
