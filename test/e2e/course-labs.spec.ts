// A learner does labs 04 and 09 through the window only: typing in the terminal, using the
// Attacker, Send, DNS and MTA-STS tabs, answering the quiz. Every step ticks (data-done), the
// progress survives a reload and a restart of the lab, "start this lab again" puts the lab back to
// its start and keeps the ticks, "reset my progress" clears them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { serveLab, type ServedLab } from '../support/serve-lab.ts';
import { terminalText, typeLine, waitForReply } from './lab-fixture.ts';

const VIEWPORT = { width: 1280, height: 720 };
const STEPS_04 = 10;
const STEPS_09 = 10;

/** A data directory of this file's own: progress starts empty and outlives a restart. */
function freshDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'smtp-lab-course-'));
}

async function openLesson(page: Page, lab: ServedLab, id: string, locale: 'ja' | 'en'): Promise<void> {
  await page.addInitScript((locale) => {
    if (!sessionStorage.getItem('locale-set')) {
      localStorage.setItem('smtp-lab.locale', locale);
      sessionStorage.setItem('locale-set', '1');
    }
  }, locale);
  await page.goto(`${lab.url}&lab=${id}`);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'open');
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
  await expect(page.getByTestId('lesson-pane')).toHaveAttribute('data-lab', id);
  await expect(page.getByTestId('lesson-opening')).toHaveCount(0, { timeout: 20_000 });
}

const step = (page: Page, id: string) => page.locator(`[data-testid="lesson-step"][data-step="${id}"]`);

async function expectDone(page: Page, id: string, timeout = 20_000): Promise<void> {
  await expect(step(page, id)).toHaveAttribute('data-done', 'true', { timeout });
}

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(name) });
}

async function typeInTerminal(page: Page, line: string): Promise<void> {
  await page.getByTestId('terminal').click();
  await typeLine(page, line);
}

/** The seq of the newest server reply in the trace (0 when there is none). */
async function lastReplySeq(page: Page): Promise<number> {
  const trace = page.locator('[data-testid="trace-row"][data-layer="smtp"][data-dir="s2c"]');
  return Math.max(0, ...(await trace.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-seq'))))));
}

/** An EHLO by hand in the lab terminal, as lesson 04 §1 asks; with `starttls`, then STARTTLS and the reply it must get (§4). */
async function ehloByHand(page: Page, starttls?: '220' | '454'): Promise<void> {
  const last = await lastReplySeq(page);
  await typeInTerminal(page, 'smtp mx.example.jp');
  const seq = await waitForReply(page, '220', last);
  await typeLine(page, 'EHLO learner.example');
  let reply = await waitForReply(page, /250[ -]/, seq);
  if (starttls) {
    await typeLine(page, 'STARTTLS');
    reply = await waitForReply(page, `${starttls} `, reply);
  }
  await typeLine(page, 'QUIT');
  await waitForReply(page, '221', reply);
}

async function send(page: Page, policy: string, subject: string): Promise<void> {
  await page.getByTestId('send-tab').click();
  const form = page.getByTestId('compose-form');
  await page.getByTestId('compose-policy').selectOption(policy);
  await form.locator('input[name="subject"]').fill(subject);
  await form.locator('textarea[name="body"]').fill('Revenue is up 12 percent.');
  await page.getByTestId('compose-send').click();
  await expect(page.getByTestId('send-refused')).toHaveCount(0);
}

async function zoneEdit(page: Page, op: 'add' | 'delete', name: string, type: string, value: string): Promise<void> {
  await page.getByTestId('dns-tab').click();
  const editor = page.getByTestId('zone-editor');
  await editor.locator('select[name="zone"]').selectOption('example.jp');
  await editor.locator('select[name="op"]').selectOption(op);
  await editor.locator('input[name="name"]').fill(name);
  await editor.locator('select[name="rrtype"]').selectOption(type);
  await editor.locator('input[name="value"]').fill(value);
  await editor.locator('form button[type="submit"]').click();
  await expect(editor.getByTestId('zone-error')).toHaveCount(0);
}

async function attack(page: Page, name: string, params: Record<string, string> = {}): Promise<void> {
  await page.getByTestId('attacker-tab').click();
  const item = page.locator(`[data-testid="attack-item"][data-name="${name}"]`);
  for (const [param, value] of Object.entries(params)) await item.locator(`select[name="${param}"]`).selectOption(value);
  await item.getByTestId('attack-toggle').click();
  await expect(item).toHaveAttribute('data-active', 'true');
}

async function attackOff(page: Page): Promise<void> {
  await page.getByTestId('attacker-tab').click();
  await page.locator('[data-testid="attack-item"][data-active="true"]').getByTestId('attack-toggle').click();
  await expect(page.getByTestId('attack-off')).toBeVisible();
}

/** Answers every question of the quiz: the last choice first, then, while wrong, the one before. */
async function answerQuiz(page: Page): Promise<void> {
  const questions = page.getByTestId('quiz-question');
  for (let i = 0; i < (await questions.count()); i++) {
    const question = questions.nth(i);
    const choices = question.getByTestId('quiz-choice');
    for (let c = (await choices.count()) - 1; c >= 0; c--) {
      await choices.nth(c).click();
      await expect(choices.nth(c)).toHaveAttribute('aria-pressed', 'true');
      await expect(question.getByTestId('quiz-feedback')).toBeVisible();
      if ((await question.getAttribute('data-answered')) === 'correct') break;
    }
    await expect(question).toHaveAttribute('data-answered', 'correct');
  }
}

async function stepStates(page: Page): Promise<Record<string, string>> {
  return page
    .getByTestId('lesson-step')
    .evaluateAll((els) => Object.fromEntries(els.map((el) => [el.getAttribute('data-step'), el.getAttribute('data-done')])));
}

test('lab 04 in Japanese: every step ticks, progress survives a reload and a restart, the lab starts again', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const dataDir = freshDataDir();
  let lab = await serveLab([], dataDir);
  try {
    await page.setViewportSize(VIEWPORT);
    await openLesson(page, lab, '04-starttls-stripping', 'ja');
    const steps = page.getByTestId('lesson-step');
    await expect(steps).toHaveCount(STEPS_04);
    expect(Object.values(await stepStates(page))).toEqual(Array(STEPS_04).fill('false'));
    await expect(page.getByTestId('lesson-text')).toContainText('STARTTLS');
    await shot(page, testInfo, 'lab04-ja-start.png');

    // A hint only when asked for.
    await expect(step(page, 'see-starttls').getByTestId('step-hint-text')).toHaveCount(0);
    await step(page, 'see-starttls').getByTestId('step-hint').click();
    await expect(step(page, 'see-starttls').getByTestId('step-hint-text')).toContainText('250-STARTTLS');

    await ehloByHand(page);
    await expectDone(page, 'see-starttls');
    await expect(page.getByTestId('lesson-notice')).toContainText('ステップ完了');
    await shot(page, testInfo, 'lab04-ja-first-step.png');

    await attack(page, 'strip-starttls');
    await expectDone(page, 'attacker-on');
    await ehloByHand(page);
    await expectDone(page, 'see-stripped');

    // The Send tab starts from the sender's own main.cf; the lab asks for a named policy.
    await page.getByTestId('send-tab').click();
    await expect(page.getByTestId('compose-policy')).toHaveValue('main.cf');
    await send(page, 'opportunistic', 'Quarterly numbers');
    await expectDone(page, 'read-in-plaintext', 30_000);

    // The other two variants of the strip (lesson 04 §4), then the default one back.
    await attackOff(page);
    await attack(page, 'strip-starttls', { mode: 'rewrite-ehlo' });
    await ehloByHand(page, '220');
    await expectDone(page, 'rewrite-only');
    await attackOff(page);
    await attack(page, 'strip-starttls', { mode: 'refuse-454' });
    await ehloByHand(page, '454');
    await expectDone(page, 'refused-454');
    await send(page, 'opportunistic', 'Quarterly numbers, after a 454');
    await expectDone(page, 'read-after-454', 30_000);
    await attackOff(page);
    await attack(page, 'strip-starttls', { mode: 'both' });

    await zoneEdit(page, 'add', '_mta-sts', 'TXT', 'v=STSv1; id=20270401000000');
    await expectDone(page, 'publish-txt');

    await page.getByTestId('mta-sts-tab').click();
    const policy = page.getByTestId('policy-editor').first();
    await policy.locator('textarea[name="policy"]').fill('version: STSv1\nmode: enforce\nmx: mx.example.jp\nmax_age: 86400\n');
    await policy.getByTestId('policy-save').click();
    await expect(policy.getByTestId('policy-problems')).toHaveAttribute('data-count', '0');
    await send(page, 'mta-sts', 'Quarterly numbers, again');
    await expectDone(page, 'enforce', 30_000);
    await expectDone(page, 'refused', 30_000);
    await expect(page.getByTestId('lesson-progress')).toHaveAttribute('data-done', String(STEPS_04));
    await expect(page.getByTestId('lesson-all-done')).toBeVisible();

    await answerQuiz(page);
    await shot(page, testInfo, 'lab04-ja-done.png');
    await page.getByTestId('labs-menu-button').click();
    await expect(page.locator('[data-testid="labs-menu-item"][data-lab="04-starttls-stripping"]')).toHaveAttribute('data-done', String(STEPS_04));
    await shot(page, testInfo, 'lab04-ja-menu.png');
    await page.keyboard.press('Escape');

    // A reload shows the same progress and does not start the lab again: the message is still there.
    await page.getByTestId('mailbox-tab').click();
    await expect(page.getByTestId('mailbox-item')).toHaveCount(2); // the two plaintext deliveries
    const mailboxBefore = await page.getByTestId('mailbox-item').count();
    await page.reload();
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'open');
    await expect(page.getByTestId('lesson-progress')).toHaveAttribute('data-done', String(STEPS_04));
    expect(Object.values(await stepStates(page))).toEqual(Array(STEPS_04).fill('true'));
    await page.getByTestId('mailbox-tab').click();
    await expect(page.getByTestId('mailbox-item')).toHaveCount(mailboxBefore);
    await expect(page.locator('[data-testid="quiz-question"][data-answered="correct"]')).toHaveCount(3);

    // A new lab process on the same data directory: the progress is read back from disk.
    await lab.stop();
    lab = await serveLab([], dataDir);
    await openLesson(page, lab, '04-starttls-stripping', 'ja');
    await expect(page.getByTestId('lesson-progress')).toHaveAttribute('data-done', String(STEPS_04));
    expect(Object.values(await stepStates(page))).toEqual(Array(STEPS_04).fill('true'));

    // Put the lab in a changed state, then start it again: mailbox empty, attacker off, ticks kept.
    await attack(page, 'strip-starttls');
    await send(page, 'opportunistic', 'Before starting again');
    await page.getByTestId('mailbox-tab').click();
    await expect.poll(() => page.getByTestId('mailbox-item').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect(page.getByTestId('attack-indicator')).toBeVisible();
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByTestId('lab-again').click();
    await expect(page.getByTestId('lesson-notice')).toContainText('最初の状態');
    await expect(page.getByTestId('attack-indicator')).toHaveCount(0);
    await page.getByTestId('mailbox-tab').click();
    await expect(page.getByTestId('mailbox-item')).toHaveCount(0);
    await page.getByTestId('send-tab').click();
    await expect(page.getByTestId('outbox-item')).toHaveCount(0);
    await page.getByTestId('dns-tab').click();
    await expect(page.getByTestId('zone-editor').locator('ul.records')).not.toContainText('_mta-sts');
    expect(Object.values(await stepStates(page))).toEqual(Array(STEPS_04).fill('true'));
    await shot(page, testInfo, 'lab04-ja-again.png');

    // Reset my progress: the ticks and answers go, the running lab stays.
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByTestId('lab-progress-reset').click();
    await expect(page.getByTestId('lesson-progress')).toHaveAttribute('data-done', '0');
    expect(Object.values(await stepStates(page))).toEqual(Array(STEPS_04).fill('false'));
    await expect(page.locator('[data-testid="quiz-question"][data-answered="no"]')).toHaveCount(3);
    await page.getByTestId('labs-menu-button').click();
    await expect(page.locator('[data-testid="labs-menu-item"][data-lab="04-starttls-stripping"]')).toHaveAttribute('data-done', '0');
  } finally {
    await lab.stop();
  }
});

test('lab 09 in English: DANE and a key rollover, every step ticks', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const lab = await serveLab([], freshDataDir());
  try {
    await page.setViewportSize(VIEWPORT);
    await openLesson(page, lab, '09-dane', 'en');
    await expect(page.getByTestId('lesson-step')).toHaveCount(STEPS_09);
    await shot(page, testInfo, 'lab09-en-start.png');
    const mxPort = lab.hosts['mx.example.jp'].ports['25'];

    await typeInTerminal(page, 'labdig _25._tcp.mx.example.jp TLSA');
    await expectDone(page, 'look-up-tlsa');

    // The key the server presents, as the hints say; the digest is read off the terminal.
    await typeLine(page, `openssl s_client -starttls smtp -connect 127.0.0.1:${mxPort} -servername mx.example.jp </dev/null 2>/dev/null | openssl x509 > mx.pem`);
    await typeLine(page, 'echo "CURRENT=$(smtp-lab dane tlsa mx.pem 3 1 1)"');
    const current = await digestFromTerminal(page, 'CURRENT');
    await zoneEdit(page, 'add', '_25._tcp.mx', 'TLSA', `3 1 1 ${current}`);
    await expectDone(page, 'publish-tlsa');

    await send(page, 'dane', 'Board minutes');
    await expectDone(page, 'dane-delivery', 30_000);

    await attack(page, 'fake-certificate', { certificate: 'misissued' });
    await send(page, 'dane', 'Board minutes, under attack');
    await expectDone(page, 'misissued-refused', 30_000);
    await attackOff(page);

    // Every other attack fails too (lesson 09 §4).
    await attack(page, 'strip-starttls');
    await send(page, 'dane', 'Board minutes, stripped');
    await expectDone(page, 'stripped-refused', 30_000);
    await attackOff(page);
    await attack(page, 'dns-spoof');
    await send(page, 'dane', 'Board minutes, spoofed');
    await expectDone(page, 'spoofed-refused', 30_000);
    await attackOff(page);

    await typeInTerminal(page, 'lab receiver cert next > next.pem');
    await typeLine(page, 'echo "NEXT=$(smtp-lab dane tlsa next.pem 3 1 1)"');
    const next = await digestFromTerminal(page, 'NEXT');
    expect(next).not.toBe(current);
    await zoneEdit(page, 'add', '_25._tcp.mx', 'TLSA', `3 1 1 ${next}`);
    await expectDone(page, 'publish-next');

    await typeInTerminal(page, 'lab receiver key next');
    await expectDone(page, 'switch-key');

    await send(page, 'dane', 'After the rollover');
    await expectDone(page, 'after-rollover', 30_000);

    await zoneEdit(page, 'delete', '_25._tcp.mx', 'TLSA', `3 1 1 ${current}`);
    await expectDone(page, 'retire-old');
    await expect(page.getByTestId('lesson-progress')).toHaveAttribute('data-done', String(STEPS_09));
    await answerQuiz(page);
    await shot(page, testInfo, 'lab09-en-done.png');

    // Start again: the TLSA records go, the receiver is back on its current key; ticks are kept.
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByTestId('lab-again').click();
    await expect(page.getByTestId('lesson-notice')).toContainText('set up again');
    await page.getByTestId('dns-tab').click();
    await expect(page.getByTestId('zone-editor').locator('ul.records')).not.toContainText('_25._tcp.mx');
    await expect(page.getByTestId('lesson-progress')).toHaveAttribute('data-done', String(STEPS_09));
  } finally {
    await lab.stop();
  }
});

/** The 64 hex digits printed after `NAME=` in the terminal (rows joined: a long line wraps). */
async function digestFromTerminal(page: Page, name: string): Promise<string> {
  let digest = '';
  await expect
    .poll(async () => {
      const text = (await terminalText(page)).replace(/\n/g, '');
      digest = new RegExp(`${name}=([0-9a-f]{64})`).exec(text)?.[1] ?? '';
      return digest;
    })
    .toMatch(/^[0-9a-f]{64}$/);
  return digest;
}
