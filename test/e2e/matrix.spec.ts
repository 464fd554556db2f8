// The Matrix tab as a learner uses it: run the matrix, read a cell, open its run's trace, then
// toggle one thing and see both runs side by side with the first difference; in Japanese too.
import { test, expect, openLab } from './lab-fixture.ts';

test.use({ viewport: { width: 1280, height: 720 } });

test('the Matrix tab: every cell from a run, a cell\'s trace, two runs side by side', async ({ page, lab }) => {
  test.setTimeout(180_000);
  await openLab(page, lab);
  await page.getByTestId('matrix-tab').click();
  await page.getByTestId('matrix-run').click();
  await expect(page.getByTestId('matrix-table')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('matrix-cell-fake-certificate-dane')).toHaveText('○');
  await expect(page.getByTestId('matrix-cell-fake-certificate-mta-sts')).toHaveText('×');
  await expect(page.getByTestId('matrix-cell-spoofed-receiver-mta-sts')).toHaveText('△');

  await page.getByTestId('matrix-cell-fake-certificate-mta-sts').click();
  await expect(page.getByTestId('matrix-cell-detail')).toContainText('the attacker read the message');
  await expect(page.getByTestId('matrix-run-trace').locator('[role="listbox"]')).toBeVisible();
  // A cell where MTA-STS fails leads to the lab about what it cannot stop.
  await expect(page.getByTestId('matrix-lab')).toContainText('Lab 7');
  await page.screenshot({ path: '/tmp/matrix-en-cell.png' });

  // More room for two ladders: the bottom pane up to most of the window, as a learner would drag it.
  const splitter = page.locator('[role="separator"][aria-orientation="horizontal"]').first();
  if (await splitter.count()) {
    const box = (await splitter.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, 120, { steps: 5 });
    await page.mouse.up();
  }
  await page.locator('input[name="toggle"]').fill('sender.policy=dane');
  await page.getByTestId('matrix-compare').click();
  await expect(page.getByTestId('matrix-headline')).toContainText('RFC 7672 §3', { timeout: 60_000 });
  await expect(page.getByTestId('matrix-headline')).toContainText('DANE');
  await page.getByTestId('matrix-headline').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/matrix-en-compare.png' });

  await page.getByTestId('lang-switch').locator('[data-locale="ja"]').click();
  await expect(page.getByTestId('matrix-tab')).toContainText('マトリクス');
  await expect(page.getByTestId('matrix-cell-detail')).toContainText('安全でない');
  await page.getByTestId('matrix-headline').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/matrix-ja-compare.png' });
});
