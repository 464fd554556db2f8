// Labs 12 (SPF) and 13 (DKIM) in the window: the lesson renders in the reader's language, and the
// solution replayed in the running lab (`lab solve --here`, typed in the terminal) ticks every step
// live; lab 13's key switch shows in the trace as a note in that language.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { serveLab, type ServedLab } from '../support/serve-lab.ts';
import { typeLine } from './lab-fixture.ts';

test.use({ viewport: { width: 1280, height: 720 } });

let lab: ServedLab;
test.beforeAll(async () => {
  lab = await serveLab([], mkdtempSync(join(tmpdir(), 'smtp-lab-spf-dkim-')));
});
test.afterAll(async () => {
  await lab.stop();
});

async function solveHere(page: Page, id: string, locale: 'ja' | 'en'): Promise<void> {
  await page.addInitScript((l) => localStorage.setItem('smtp-lab.locale', l), locale);
  await page.goto(`${lab.url}&lab=${id}`);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'open');
  await expect(page.getByTestId('lesson-pane')).toHaveAttribute('data-lab', id);
  await expect(page.getByTestId('lesson-opening')).toHaveCount(0, { timeout: 20_000 });
  await page.getByTestId('terminal').click();
  await typeLine(page, `clear; lab solve ${id} --here`);
  const steps = page.getByTestId('lesson-step');
  await expect(steps.first()).toBeVisible();
  await expect(page.locator('[data-testid="lesson-step"][data-done="false"]')).toHaveCount(0, { timeout: 90_000 });
}

test('lab 12-spf in Japanese: the solution ticks every step', async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  await solveHere(page, '12-spf', 'ja');
  await expect(page.getByTestId('lesson-pane')).toContainText('そのドメインとして送ってよいのは誰か');
  await page.screenshot({ path: testInfo.outputPath('lab-12-spf-ja.png') });
});

test('lab 13-dkim in English: the solution ticks every step and the key switch is a trace note', async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  await solveHere(page, '13-dkim', 'en');
  await expect(page.getByTestId('lesson-pane')).toContainText('signing, what a change breaks, and a key rollover');
  await page.screenshot({ path: testInfo.outputPath('lab-13-dkim-en.png') });
  // Only the notes: the two switches, the first to a key without a record, the second to a published one.
  const layers = page.getByRole('group', { name: 'Layers' });
  for (const layer of ['TCP', 'SMTP', 'TLS', 'DNS', 'Policy', 'Attack', 'Mailbox']) await layers.getByRole('button', { name: new RegExp(`^${layer} `) }).click();
  const trace = page.getByRole('listbox', { name: 'Trace' });
  await expect(trace.getByText('now signs with its next key, selector mail2: mail2._domainkey.sender.example is not published')).toBeVisible();
  await expect(trace.getByText('now signs with its next key, selector mail2: mail2._domainkey.sender.example is published')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('lab-13-dkim-notes-en.png') });
});
