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

  // The lab terminal's shell speaks the UI's language: the lab tools read it from the file the shell names.
  await page.getByTestId('terminal').click();
  await typeLine(page, 'labdig example.jp MX');
  await expect.poll(() => terminalText(page), { timeout: 20_000 }).toContain('検証に成功');
  await typeLine(page, 'echo "lang=$(cat "$SMTP_LAB_LANG_FILE")"');
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

/** The sentences a pane shows: its visible text, line by line, without empty lines. */
async function paneLines(locator: Locator): Promise<string[]> {
  return (await locator.innerText()).split('\n').filter((line) => line.trim() !== '');
}

/** A checker item's sentences: what it found, what to change, evidence and notes (the lines to paste into main.cf or a zone are data). */
async function checkerDetailLines(page: Page): Promise<string[]> {
  const detail = page.getByTestId('checker-detail');
  const texts = await detail.locator('p.summary, section.fix > p, ul.evidence li, ul.notes li, p.lab').allInnerTexts();
  return texts.filter((line) => line.trim() !== '');
}

const problemsIn = (where: string, lines: string[]) => lines.flatMap((line) => japaneseProblems(line).map((p) => `${where}: ${p}`));

test('in Japanese: a bogus DNS answer, a refused main.cf, a refused MTA-STS policy and the Checker on a broken zone hold no English sentence', async ({ page, lab }, testInfo) => {
  await page.addInitScript(() => localStorage.setItem('smtp-lab.locale', 'ja'));
  await page.goto(lab.url);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'open');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await page.setViewportSize({ width: 1280, height: 720 });

  // The DNS tab: example.jp signed with a bad signature, a validating query comes back bogus.
  await page.getByTestId('dns-tab').click();
  const editor = page.getByTestId('zone-editor');
  await editor.locator('select[name="zone"]').selectOption('example.jp');
  await editor.locator('select[name="mode"]').selectOption('bad-signature');
  await expect(editor.locator('select[name="mode"]')).toHaveValue('bad-signature');
  const form = page.getByTestId('dns-query-form');
  await form.locator('input[name="name"]').fill('_25._tcp.mx.example.jp');
  await form.locator('select[name="type"]').selectOption('TLSA');
  await form.locator('input[name="validate"]').check();
  await form.getByRole('button').click();
  const chain = page.getByTestId('chain-of-trust');
  await expect(chain).toHaveAttribute('data-status', 'bogus');
  await page.screenshot({ path: testInfo.outputPath('dns-bogus-ja.png') });
  const dns = await paneLines(chain);

  // The main.cf tab: a value Postfix does not know and a misspelt parameter, refused on their lines.
  await page.getByTestId('main-cf-tab').click();
  const mainCf = page.getByTestId('main-cf-text');
  await expect(mainCf).toHaveValue(/smtpd_tls_security_level = may/);
  await mainCf.fill((await mainCf.inputValue()).replace('smtpd_tls_protocols = >=TLSv1.2', 'smtpd_tls_protocols = >=TLSv1.4').concat('smtpd_tls_cipherz = high\n'));
  await page.getByTestId('main-cf-apply').click();
  const errors = page.getByTestId('main-cf-errors');
  await expect(errors).toHaveAttribute('data-count', '2');
  await page.screenshot({ path: testInfo.outputPath('main-cf-errors-ja.png') });
  const postconf = await paneLines(errors);

  // The MTA-STS tab: a policy RFC 8461 §3.2 refuses, line by line.
  await page.getByTestId('mta-sts-tab').click();
  const policyText = page.getByTestId('policy-editor').locator('textarea[name="policy"]');
  await expect(policyText).toHaveValue(/version: STSv1/);
  await policyText.fill('version: STSv1\nmode: Enforce\n max_age: 86400\nmx: *.*.example.jp\n');
  await page.getByTestId('policy-save').click();
  const policyProblems = page.getByTestId('policy-problems');
  await expect(policyProblems).toHaveAttribute('data-count', '4');
  await policyProblems.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('mta-sts-problems-ja.png') });
  const policy = await policyProblems.locator('li').allInnerTexts();

  // The Checker on example.jp while its zone's signatures are bad: items fail, each says why.
  await page.getByTestId('checker-tab').click();
  const pane = page.getByTestId('checker-pane');
  await page.getByTestId('checker-run').click();
  await expect(page.getByTestId('checker-score')).toHaveAttribute('data-score', /^(?!100$)\d+$/, { timeout: 90_000 });
  const failing = pane.locator('[data-testid="checker-item"][data-pass="false"]');
  expect(await failing.count()).toBeGreaterThan(0);
  const checker: string[] = [...(await paneLines(pane.locator('[data-testid="checker-item"]').first().locator('..')))];
  for (const item of await failing.all()) {
    await item.click();
    checker.push(...(await checkerDetailLines(page)));
  }
  await failing.first().click();
  await page.screenshot({ path: testInfo.outputPath('checker-broken-ja.png') });

  expect([...problemsIn('dns', dns), ...problemsIn('main.cf', postconf), ...problemsIn('mta-sts', policy), ...problemsIn('checker', checker)]).toEqual([]);
  expect(policy.join('\n')).toContain('mode「Enforce」は「enforce」「testing」「none」のどれでもない');
  expect(dns.join('\n')).toContain('_25._tcp.mx.example.jp');
  expect(postconf.join('\n')).toContain('smtpd_tls_cipherz');

  // The same panes in English are flagged: the check can fail.
  await page.getByTestId('lang-switch').locator('[data-locale="en"]').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const englishChecker = await checkerDetailLines(page);
  await page.getByTestId('main-cf-tab').click();
  const englishPostconf = await paneLines(errors);
  await page.getByTestId('mta-sts-tab').click();
  const englishPolicy = await policyProblems.locator('li').allInnerTexts();
  await page.getByTestId('dns-tab').click();
  const englishDns = await paneLines(chain);
  expect(problemsIn('checker', englishChecker).length).toBeGreaterThan(0);
  expect(problemsIn('main.cf', englishPostconf).length).toBeGreaterThan(0);
  expect(problemsIn('mta-sts', englishPolicy).length).toBeGreaterThan(0);
  expect(problemsIn('dns', englishDns).length).toBeGreaterThan(0);
});
