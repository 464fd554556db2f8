import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { serveLab, type ServedLab } from '../support/serve-lab.ts';

export const test = base.extend<{ lab: ServedLab }>({
  lab: async ({}, use) => {
    const lab = await serveLab();
    await use(lab);
    await lab.stop();
  },
});
export { expect };

/**
 * Where a test's picture goes: docs/<name> under `npm run screenshots` (the README's pictures are
 * refreshed on purpose), else the test's own output folder, so `npm test` leaves the tree as it was.
 */
export function screenshotPath(name: string, testInfo: TestInfo): string {
  return process.env.npm_lifecycle_event === 'screenshots' ? `docs/${name}` : testInfo.outputPath(name);
}

/** Opens the lab UI in English and waits until it talks to the engine and a shell is up. */
export async function openLab(page: Page, lab: ServedLab): Promise<void> {
  await page.goto(lab.url);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'open');
  const english = page.getByTestId('lang-switch');
  if ((await english.evaluate((el) => el.tagName)) === 'SELECT') await english.selectOption('en');
  else await english.locator('[data-locale="en"]').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByTestId('terminal').click();
}

/** Types one line into the terminal as a learner would, Enter included. */
export async function typeLine(page: Page, line: string): Promise<void> {
  await page.keyboard.type(line, { delay: 2 });
  await page.keyboard.press('Enter');
}

/** The visible text of the terminal. */
export async function terminalText(page: Page): Promise<string> {
  return page.getByTestId('terminal').locator('.xterm-rows').innerText();
}

/** Waits for a server reply row to appear that was not there before and contains `text`. */
export async function waitForReply(page: Page, text: string | RegExp, after = 0): Promise<number> {
  const rows = page.locator('[data-testid="trace-row"][data-layer="smtp"][data-dir="s2c"]');
  await expect
    .poll(async () => {
      for (const row of await rows.all()) {
        const seq = Number(await row.getAttribute('data-seq'));
        const rowText = await row.innerText();
        if (seq > after && (typeof text === 'string' ? rowText.includes(text) : text.test(rowText))) return seq;
      }
      return 0;
    })
    .toBeGreaterThan(0);
  for (const row of await rows.all()) {
    const seq = Number(await row.getAttribute('data-seq'));
    const rowText = await row.innerText();
    if (seq > after && (typeof text === 'string' ? rowText.includes(text) : text.test(rowText))) return seq;
  }
  return 0;
}

/** SMTP rows of the ladder in order, as {dir, text, visibility}. */
export async function smtpRows(page: Page): Promise<{ seq: number; dir: string; text: string; visibility: string }[]> {
  return page.locator('[data-testid="trace-row"][data-layer="smtp"]').evaluateAll((els) =>
    els
      .map((el) => ({
        seq: Number(el.getAttribute('data-seq')),
        dir: el.getAttribute('data-dir') ?? '',
        text: (el as HTMLElement).innerText,
        visibility: el.getAttribute('data-visibility') ?? '',
      }))
      .sort((a, b) => a.seq - b.seq),
  );
}

/**
 * Types a whole session with STARTTLS and one message; returns the seq of the 220 reply to
 * STARTTLS, after which every SMTP row is inside TLS.
 */
export async function typeStarttlsSession(page: Page, subject: string, body: string): Promise<number> {
  await typeLine(page, 'smtp mx.example.jp');
  let seq = await waitForReply(page, '220');
  await typeLine(page, 'EHLO learner.example');
  seq = await waitForReply(page, 'STARTTLS', seq);
  await typeLine(page, 'STARTTLS');
  const upgradeSeq = await waitForReply(page, '220', seq);
  await expect.poll(() => terminalText(page)).toMatch(/TLSv1\.3/);
  await typeLine(page, 'EHLO learner.example');
  seq = await waitForReply(page, /250/, upgradeSeq);
  await typeLine(page, 'MAIL FROM:<alice@sender.example>');
  seq = await waitForReply(page, /250/, seq);
  await typeLine(page, 'RCPT TO:<bob@example.jp>');
  seq = await waitForReply(page, /250/, seq);
  await typeLine(page, 'DATA');
  seq = await waitForReply(page, '354', seq);
  await typeLine(page, `Subject: ${subject}`);
  await typeLine(page, '');
  await typeLine(page, body);
  await typeLine(page, '.');
  seq = await waitForReply(page, /250/, seq);
  await typeLine(page, 'QUIT');
  await waitForReply(page, '221', seq);
  return upgradeSeq;
}
