// Every word in the learner's language: a Japanese run of a strip-starttls delivery from the
// Send tab. The sender's decisions and the attacker's rows in the trace detail, the outbox entry
// and the delivery notice hold Japanese sentences and no English one (protocol bytes, names, RFC
// citations and quoted data aside; see test/support/english-sentences.ts). The same check on the
// English UI must find English, so it cannot pass by checking nothing.
import type { Locator, Page } from '@playwright/test';
import { japaneseProblems } from '../support/english-sentences.ts';
import { test, expect, terminalText, typeLine } from './lab-fixture.ts';

test.use({ viewport: { width: 1600, height: 1200 } });

const SUBJECT = '経路上で読まれる';

/** Shows only the policy and attack rows, so every one of them is in the ladder at once. */
async function onlyDecisionsAndAttacks(page: Page): Promise<void> {
  const chips = page.locator('.layers .chip');
  for (const chip of await chips.all()) {
    const cls = (await chip.getAttribute('class')) ?? '';
    const wanted = /layer-(policy|attack)\b/.test(cls);
    if ((await chip.getAttribute('aria-pressed')) === String(!wanted)) await chip.click();
  }
}

/** The sentences of the open trace detail: the summary line and the decoded values. */
async function detailTexts(page: Page): Promise<string[]> {
  const detail = page.getByTestId('trace-detail');
  const summary = await detail.locator('p.summary').innerText();
  const values = await detail.locator('table.decoded td').allInnerTexts();
  return [summary, ...values.filter((v) => v.trim() !== '')];
}

/** Every policy and attack row's detail, read by clicking the rows one by one. */
async function rowTexts(page: Page): Promise<{ seq: string; layer: string; texts: string[] }[]> {
  const rows = page.locator('[data-testid="trace-row"][data-layer="policy"], [data-testid="trace-row"][data-layer="attack"]');
  const seqs = await rows.evaluateAll((els) => els.map((el) => [el.getAttribute('data-seq') ?? '', el.getAttribute('data-layer') ?? '']));
  const out = [];
  for (const [seq, layer] of seqs) {
    await page.locator(`[data-testid="trace-row"][data-seq="${seq}"]`).click();
    await expect(page.getByTestId('trace-detail')).toHaveAttribute('aria-label', new RegExp(`#${seq}\\b|${seq}`));
    out.push({ seq, layer, texts: await detailTexts(page) });
  }
  return out;
}

async function outboxTexts(item: Locator): Promise<string[]> {
  const notice = item.locator('details.notice');
  if ((await notice.getAttribute('open')) === null) await notice.locator('summary').click();
  return [
    ...(await item.getByTestId('delivery-attempt').locator('.reason').allInnerTexts()),
    await item.getByTestId('outbox-verdict').innerText(),
    await notice.locator('summary .head').innerText(),
    await item.getByTestId('notice-text').innerText(),
  ];
}

test('a Japanese strip-starttls delivery: no English sentence in the decisions, attacker rows, outbox or notice', async ({ page, lab }, testInfo) => {
  await page.addInitScript(() => localStorage.setItem('smtp-lab.locale', 'ja'));
  await page.goto(lab.url);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'open');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');

  await page.getByTestId('attacker-tab').click();
  const strip = page.locator('[data-testid="attack-item"][data-name="strip-starttls"]');
  await strip.getByTestId('attack-toggle').click();
  await expect(page.getByTestId('attack-active')).toHaveAttribute('data-name', 'strip-starttls');

  await page.getByTestId('send-tab').click();
  const form = page.getByTestId('compose-form');
  await page.getByTestId('compose-policy').selectOption('opportunistic');
  await form.locator('input[name="subject"]').fill(SUBJECT);
  await form.locator('textarea[name="body"]').fill('会議は金曜日に変更になりました。');
  await page.getByTestId('compose-send').click();
  const item = page.getByTestId('outbox-item').filter({ hasText: SUBJECT });
  await expect(item).toHaveAttribute('data-state', 'delivered', { timeout: 30_000 });
  await expect(item.getByTestId('outbox-verdict')).toHaveAttribute('data-attacker-read', 'true');

  await onlyDecisionsAndAttacks(page);
  const policyRows = page.locator('[data-testid="trace-row"][data-layer="policy"]');
  const attackRows = page.locator('[data-testid="trace-row"][data-layer="attack"]');
  // The decisions of this delivery (MX, session, result) and the attacker's rewrite and reads.
  await expect.poll(() => policyRows.count()).toBeGreaterThanOrEqual(4);
  await expect.poll(() => attackRows.count()).toBeGreaterThanOrEqual(3);

  const rows = await rowTexts(page);
  const outbox = await outboxTexts(item);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: testInfo.outputPath('engine-text-ja.png') });

  const problems = [
    ...rows.flatMap((row) => row.texts.flatMap((text) => japaneseProblems(text).map((p) => `${row.layer} row #${row.seq}: ${p}`))),
    ...outbox.flatMap((text) => japaneseProblems(text).map((p) => `outbox: ${p}`)),
  ];
  expect(problems).toEqual([]);
  // The notice is there in Japanese, its RFC 3464 fields as they are.
  await expect(item.getByTestId('notice-text')).toContainText('こちらはホスト mail.sender.example のメールシステムです。');
  await expect(item.getByTestId('notice-text')).toContainText('Final-Recipient: rfc822; bob@example.jp');
  // The rewrite row says in Japanese what the attacker did to 250-STARTTLS.
  expect(rows.some((row) => row.layer === 'attack' && row.texts.some((t) => t.includes('250-XXXXXXXA') && t.includes('書き換えた')))).toBe(true);

  // The lab terminal's shell speaks the UI's language: the lab tools read SMTP_LAB_LANG.
  await page.getByTestId('terminal').click();
  await typeLine(page, 'labdig example.jp MX');
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toContain('検証に成功');
  await typeLine(page, 'echo "lang=$SMTP_LAB_LANG"');
  await expect.poll(() => terminalText(page)).toContain('lang=ja');

  // The same check on the English UI finds English: it can fail.
  await page.setViewportSize({ width: 1600, height: 1200 });
  await page.getByTestId('lang-switch').locator('[data-locale="en"]').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const englishRows = await rowTexts(page);
  const englishOutbox = await outboxTexts(item);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: testInfo.outputPath('engine-text-en.png') });
  const flagged = englishRows.filter((row) => row.texts.some((text) => japaneseProblems(text).length > 0));
  expect(flagged.length).toBe(englishRows.length);
  expect(englishOutbox.filter((text) => japaneseProblems(text).length > 0).length).toBeGreaterThanOrEqual(3);
});
