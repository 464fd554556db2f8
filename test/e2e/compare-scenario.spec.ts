// "Compare two runs" in the Matrix tab as a Japanese learner uses it, without running the matrix:
// pick a scenario file and one change the engine offers for it, run both, and read where the runs
// part and the decision that explains it; replay one run and export the other (tshark reads it);
// a main.cf line the lab refuses and a toggle the CLI refuses say why, in Japanese; then English.
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import type { Page } from '@playwright/test';
import config from '../../playwright.config.ts';
import { test, expect } from './lab-fixture.ts';

// Playwright hides scrollbars in headless Chromium; a learner's window shows them, and so must this test.
test.use({ viewport: { width: 1280, height: 720 }, launchOptions: { ...config.use?.launchOptions, ignoreDefaultArgs: ['--hide-scrollbars'] } });

/** The bottom pane up to most of the window, as a learner drags it for two ladders. */
async function raiseBottomPane(page: Page): Promise<void> {
  const splitter = page.locator('[role="separator"][aria-orientation="horizontal"]').first();
  const box = (await splitter.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, 120, { steps: 5 });
  await page.mouse.up();
}

/** Every aligned row: same or not, marked first / explains, and the text of its two sides. */
function alignedRows(page: Page) {
  return page.getByTestId('compare-step').evaluateAll((all) =>
    all.map((row) => ({
      same: row.dataset.same === 'true',
      first: row.dataset.first !== undefined,
      explains: row.dataset.explains !== undefined,
      cells: [...row.querySelectorAll('[role="cell"]')].map((c) => c.textContent!.trim()),
    })),
  );
}

test('ja: a scenario file and sender.policy=dane side by side, the first difference and why', async ({ page, lab }, testInfo) => {
  test.setTimeout(180_000);
  await page.addInitScript(() => {
    localStorage.setItem('smtp-lab.locale', 'ja');
    localStorage.removeItem('smtp-lab.view');
    localStorage.removeItem('smtp-lab.lesson');
  });
  await page.goto(lab.url);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'open');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');

  await page.getByTestId('matrix-tab').click();
  await page.getByTestId('compare-open').click();
  await expect(page.getByTestId('compare-open')).toHaveAttribute('aria-pressed', 'true');
  const panel = page.getByTestId('compare-panel');
  await expect(panel).toContainText('2 つの実行を並べて比べる');

  // The scenario files by their titles, the attacks against defences apart from the labs' starting points.
  const scenario = panel.getByTestId('compare-scenario');
  await expect(scenario.locator('option[value="strip-starttls-vs-opportunistic"]')).toHaveText('日和見的な送信側に対する STARTTLS の除去');
  await expect(scenario.locator('optgroup[label="実習の開始状態"] option[value="lab-04-start"]')).toHaveCount(1);
  await scenario.selectOption('strip-starttls-vs-opportunistic');
  await expect(panel.getByTestId('compare-description')).toContainText('攻撃者が 250-STARTTLS を 250-XXXXXXXA に書き換えます');

  // What to change, from what makes sense for this scenario: the policy it has is not offered.
  const change = panel.getByTestId('compare-change');
  await expect(change.locator('optgroup[label="送信側の対策"] option[value="sender.policy=dane"]')).toHaveText('ポリシー：DANE');
  await expect(change.locator('option[value="sender.policy=opportunistic"]')).toHaveCount(0);
  await expect(change.locator('optgroup[label="攻撃者"] option[value="attack=off"]')).toHaveCount(1);
  await expect(change.locator('optgroup[label="DNS ゾーンのモード"] option[value="dns.modes.example.jp=bad-signature"]')).toHaveCount(1);
  await change.selectOption('sender.policy=dane');
  await expect(panel.getByTestId('compare-command')).toHaveText("smtp-lab run scenarios/strip-starttls-vs-opportunistic.yaml --toggle 'sender.policy=dane' --compare");
  await page.screenshot({ path: '/tmp/compare-ja-pick.png' });

  await panel.getByTestId('compare-run').click();
  const headline = panel.getByTestId('matrix-headline');
  await expect(headline).toContainText('最初の違い', { timeout: 90_000 });
  await expect(headline).toContainText('sender.policy=dane にした場合：RFC 7672 §2.2.3');
  await expect(headline).toContainText('STARTTLS を提示しなかった');
  await expect(panel).toContainText('シナリオ：日和見的な送信側に対する STARTTLS の除去');

  // The steps aligned: the shared ones on one row, then the first difference, marked once; the
  // decision that explains it is a step only the run with DANE took, in Japanese.
  const first = panel.locator('[data-testid="compare-step"][data-first]');
  await expect(first).toHaveCount(1);
  await expect(first).toHaveAttribute('data-same', 'false');
  const rows = await alignedRows(page);
  const firstAt = rows.findIndex((r) => !r.same);
  expect(firstAt).toBeGreaterThan(0);
  expect(rows[firstAt].first).toBe(true);
  expect(rows.slice(0, firstAt).every((r) => r.same && r.cells[1] === r.cells[2])).toBe(true);
  const why = rows.filter((r) => r.explains);
  expect(why).toHaveLength(1);
  expect(why[0].cells[0]).toBe('!');
  expect(why[0].cells[1]).toBe('');
  expect(why[0].cells[2]).toContain('STARTTLS を提示しなかった');
  const explains = panel.locator('[data-testid="compare-step"][data-explains]');
  await expect(explains.locator('[role="cell"]').first()).toHaveAttribute('title', '違いを生んだ判断');

  await raiseBottomPane(page);
  await panel.getByTestId('compare-steps').scrollIntoViewIfNeeded();
  await expect(explains).toBeInViewport();
  // Choosing it selects the row in the ladder of the run that took it.
  await explains.click();
  await expect(panel.getByTestId('compare-side-right').locator('[data-testid="trace-row"][aria-selected="true"]')).toContainText('RFC 7672');
  await page.screenshot({ path: '/tmp/compare-ja-result.png' });

  // Each run replays in the trace pane, one step at a time.
  await panel.getByTestId('compare-replay-right').click();
  await expect(page.getByTestId('replay-bar')).toBeVisible();
  const replayed = page.locator('.trace-pane [data-testid="trace-row"]');
  await expect(replayed).toHaveCount(1);
  await page.getByTestId('replay-forward').click();
  await expect(replayed).toHaveCount(2);
  await page.getByTestId('replay-stop').click();

  // The run as written exports as pcapng: without any key, tshark reads the plaintext MAIL FROM the attacker read too.
  await panel.getByTestId('compare-export-left').click();
  await expect(panel.getByTestId('compare-export-left-files')).toContainText('パケット');
  const pcap = testInfo.outputPath('left.pcapng');
  const [pcapFile] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('compare-export-left-pcap').click()]);
  await pcapFile.saveAs(pcap);
  const mail = execFileSync('tshark', ['-r', pcap, '-Y', 'smtp.req.command == "MAIL"', '-T', 'fields', '-e', 'ip.src', '-e', 'ip.dst', '-e', 'smtp.req.parameter'], { encoding: 'utf8', env: { ...process.env, HOME: tmpdir() } });
  expect(mail.trim().split('\t')).toEqual(['198.51.100.25', '192.0.2.25', expect.stringMatching(/^FROM:<alice@sender\.example>/)]);

  // A main.cf line the lab refuses: the run with it could not start, and says why in Japanese.
  await change.selectOption('main.cf+=');
  await panel.getByTestId('compare-main-cf').fill('no_such_parameter = 1');
  await expect(panel.getByTestId('compare-command')).toContainText("--toggle 'main.cf+=no_such_parameter = 1'");
  await panel.getByTestId('compare-run').click();
  await expect(panel.getByTestId('compare-did-not-run-right')).toContainText('この実行は開始できませんでした：', { timeout: 60_000 });
  await expect(panel.getByTestId('compare-did-not-run-right')).toContainText('no_such_parameter');
  await expect(panel.getByTestId('compare-did-not-run-left')).toHaveCount(0);

  // A toggle the CLI refuses is refused the same way, before anything runs.
  await change.selectOption('=');
  await panel.getByTestId('compare-typed').fill('sender.policy=secure-please');
  await panel.getByTestId('compare-run').click();
  await expect(panel.getByTestId('compare-error')).toContainText('sender.policy：');

  // The same in English.
  await change.selectOption('sender.policy=dane');
  await panel.getByTestId('compare-run').click();
  await expect(headline).toContainText('RFC 7672 §2.2.3', { timeout: 60_000 });
  await page.getByTestId('lang-switch').locator('[data-locale="en"]').click();
  await expect(headline).toContainText('First difference');
  await expect(headline).toContainText('With sender.policy=dane: RFC 7672 §2.2.3');
  await expect(change.locator('option[value="sender.policy=dane"]')).toHaveText('Policy: DANE');
  await expect(panel).toContainText('Scenario: STARTTLS stripping against an opportunistic sender');
  await page.screenshot({ path: '/tmp/compare-en-result.png' });
  await panel.getByTestId('compare-scenario').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/compare-en-pick.png' });

  // Closing the panel puts the Matrix tab's introduction back.
  await panel.getByTestId('compare-close').click();
  await expect(page.getByTestId('compare-panel')).toHaveCount(0);
  await expect(page.getByTestId('matrix-pane')).toContainText('Each cell is a real run');
});
