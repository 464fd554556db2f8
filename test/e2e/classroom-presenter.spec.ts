// Presenter mode on a classroom projector.
import { LOCALES, SHOW_SCROLLBARS, clippedOrWrapped, expect, openAt, test, unreachableControls } from './classroom-support.ts';

test.use(SHOW_SCROLLBARS);

// Presenter mode on a projector: larger type than the A+ steps give, brighter text, only the
// terminal and the trace; the replay steps through a real delivery and the export hands over a
// pcapng and its key log. The header still fits and every control of the trace pane is in reach.
for (const locale of LOCALES) {
  test(`1280x720 ${locale}: presenter mode, replay and export`, async ({ page, lab }, testInfo) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.addInitScript(() => localStorage.removeItem('smtp-lab.lesson'));
    await openAt(page, lab, locale, 1);
    const sent = await fetch(new URL('/api/send', lab.url), {
      method: 'POST',
      headers: { Authorization: `Bearer ${lab.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ request: { from: 'alice@sender.example', to: ['bob@example.jp'], subject: 'Board minutes', body: 'The merger closes on Friday.\n', policy: 'opportunistic' } }),
    });
    expect(sent.status).toBe(200);
    await expect(page.getByTestId('trace-row').filter({ hasText: 'MAIL FROM' }).or(page.getByTestId('trace-row').filter({ hasText: 'STARTTLS' })).first()).toBeVisible();

    await page.getByTestId('presenter-toggle').click();
    await expect(page.locator('html')).toHaveClass(/presenter/);
    await expect(page.locator('html')).toHaveCSS('font-size', '20.8px');
    await expect(page.locator('[role="tablist"]')).toHaveCount(0);
    await expect(page.getByTestId('terminal')).toBeVisible();
    expect(await clippedOrWrapped(page, 'header')).toEqual([]);
    // Secondary text is near-white on black: a projector still shows it.
    const muted = await page.locator('html').evaluate((html) => getComputedStyle(html).getPropertyValue('--muted').trim());
    expect(muted).toBe('#d5dde6');
    const rowFont = await page.getByTestId('trace-row').first().evaluate((row) => parseFloat(getComputedStyle(row).fontSize));
    expect(rowFont).toBeGreaterThanOrEqual(16);
    expect(await unreachableControls(page, '.trace-pane')).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`presenter-${locale}.png`) });

    // Replay: paused on the first event, one step at a time, and back.
    await page.getByTestId('replay-start').click();
    const position = page.getByTestId('replay-position');
    await expect(page.getByTestId('trace-row')).toHaveCount(1);
    for (let i = 0; i < 5; i++) await page.getByTestId('replay-forward').click();
    await expect(page.getByTestId('trace-row')).toHaveCount(6);
    await page.getByTestId('replay-back').click();
    await expect(page.getByTestId('trace-row')).toHaveCount(5);
    await expect(position).toContainText('5');
    expect(await unreachableControls(page, '.trace-pane')).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`presenter-replay-${locale}.png`) });
    await page.getByTestId('replay-stop').click();
    await expect(page.getByTestId('replay-bar')).toHaveCount(0);

    // Export: the whole trace as pcapng (its Section Header Block first) and the key log.
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-popover').getByRole('button').first().click();
    await expect(page.getByTestId('export-summary')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath(`presenter-export-${locale}.png`) });
    const [pcap] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pcap').click()]);
    const bytes = await new Promise<Buffer>((resolve, reject) => {
      void pcap.createReadStream().then((stream) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => resolve(Buffer.concat(chunks)));
        stream.on('error', reject);
      });
    });
    expect(bytes.readUInt32LE(0)).toBe(0x0a0d0d0a);
    expect(pcap.suggestedFilename()).toMatch(/^smtp-lab-.*\.pcapng$/);
    const [keys] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-keylog').click()]);
    expect(keys.suggestedFilename()).toMatch(/-keylog\.txt$/);

    await page.getByTestId('presenter-toggle').click();
    await expect(page.locator('[role="tablist"]')).toBeVisible();
    await expect(page.locator('html')).toHaveCSS('font-size', '16px');
  });
}
