// Labs 05 and 06 walked in Japanese: what the terminal starts shows in the tabs, and what the tabs
// and the terminal say is Japanese. `lab checker` in the terminal fills the Checker tab; an attack
// switched on names "あなたの端末" as the trace columns do; a TLS-RPT failure's reason reads in
// Japanese in the TLS-RPT tab and in `lab tlsrpt send`, whose delivery line uses full-width brackets.
import { japaneseProblems } from '../support/english-sentences.ts';
import { test, expect, terminalText, typeLine } from './lab-fixture.ts';

test.use({ viewport: { width: 1280, height: 720 } });

test('a Japanese walk: lab checker fills the tab, the attack names your terminal, TLS-RPT reasons in Japanese', async ({ page, lab }) => {
  test.setTimeout(180_000);
  const api = (path: string, body: unknown) =>
    fetch(`http://127.0.0.1:${new URL(lab.url).port}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${lab.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  await page.addInitScript(() => localStorage.setItem('smtp-lab.locale', 'ja'));
  await page.goto(lab.url);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'open');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');

  // The Checker tab is open and waits; the run is started from the terminal.
  await page.getByTestId('checker-tab').click();
  await expect(page.getByTestId('checker-score')).toHaveCount(0);
  await page.getByTestId('terminal').click();
  await typeLine(page, 'lab checker example.jp');
  await expect(page.getByTestId('checker-score')).toHaveAttribute('data-score', '100', { timeout: 90_000 });
  await expect(page.getByTestId('checker-score')).toContainText('example.jp');
  await page.screenshot({ path: '/tmp/lab0506-checker-from-terminal-ja.png' });

  // An attack switched on from the terminal: its links name the terminal as the trace does.
  await typeLine(page, 'lab attack strip-starttls');
  await page.getByTestId('attacker-tab').click();
  const active = page.getByTestId('attack-active');
  await expect(active).toHaveAttribute('data-name', 'strip-starttls');
  await expect(active).toContainText('あなたの端末 → mx.example.jp:25');
  await expect(active).not.toContainText('terminal →');
  await expect.poll(() => terminalText(page)).toContain('あなたの端末 → mx.example.jp:25');
  await page.screenshot({ path: '/tmp/lab0506-attack-links-ja.png' });

  // A session MTA-STS counts as failed (the attacker strips STARTTLS), then the report.
  const sent = await api('/api/send', { request: { from: 'alice@sender.example', to: ['bob@example.jp'], subject: 'stripped', body: 'x', policy: 'mta-sts' } });
  expect(sent.status).toBe(200);
  await page.getByTestId('terminal').click();
  await typeLine(page, 'clear; lab tlsrpt send');
  // The terminal wraps long lines: read it as one text.
  const unwrapped = async () => (await terminalText(page)).replace(/\n/g, '');
  await expect.poll(unwrapped, { timeout: 60_000 }).toMatch(/-> mailto:tlsrpt@example\.jp：送信済み（キュー Q\d+：配送済み（2\.0\.0））/);
  const shown = await unwrapped();
  expect(shown).toContain('starttls-not-supported');
  expect(shown).toMatch(/starttls-not-supported が 1 回：example\.jp のポリシーは enforce で、mx\.example\.jp が STARTTLS を提示しなかった/);
  expect(shown).not.toMatch(/offered no STARTTLS/);
  await page.screenshot({ path: '/tmp/lab0506-tlsrpt-send-terminal-ja.png' });

  await page.getByTestId('tlsrpt-tab').click();
  const failure = page.getByTestId('tlsrpt-failure').first();
  await expect(failure).toBeVisible();
  const reason = await failure.locator('.reason').innerText();
  expect(reason).toMatch(/example\.jp のポリシーは/);
  expect(japaneseProblems(reason)).toEqual([]);
  await failure.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/lab0506-tlsrpt-tab-ja.png' });

  // A zone edit: the editor's line and the trace row say it in Japanese; the rule badge is the citation alone.
  await page.getByTestId('dns-tab').click();
  const editor = page.getByTestId('zone-editor');
  await editor.locator('input[name="name"]').fill('_walk');
  await editor.locator('select[name="rrtype"]').selectOption('TXT');
  await editor.locator('input[name="value"]').fill('hello');
  await editor.locator('button[type="submit"]').click();
  await expect(editor.locator('.done')).toHaveText(/^ゾーン example\.jp：TXT _walk\.example\.jp を追加 -> "hello"（シリアル \d+、ゾーンを再署名）$/);
  const zoneRow = page.locator('[data-testid="trace-row"][data-layer="dns"]').filter({ hasText: '_walk.example.jp' }).last();
  await expect(zoneRow).toContainText('ゾーンを再署名');
  await expect(zoneRow.locator('.rule')).toHaveText('RFC 4035 §2');
  await editor.locator('.done').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/lab0506-zone-edit-ja.png' });

  // The same screens in English still read in English.
  await page.getByTestId('tlsrpt-tab').click();
  await page.getByTestId('lang-switch').locator('[data-locale="en"]').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('tlsrpt-failure').first().locator('.reason')).toContainText('offered no STARTTLS');
  await page.getByTestId('tlsrpt-failure').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/lab0506-tlsrpt-tab-en.png' });
  await page.getByTestId('attacker-tab').click();
  await expect(page.getByTestId('attack-active')).toContainText('your terminal → mx.example.jp:25');
  await page.screenshot({ path: '/tmp/lab0506-attack-links-en.png' });
});
