// The desktop app: Electron starts the engine, shows the renderer from disk and relays through the
// preload bridge. Runs where the Electron binary is installed; elsewhere it says why it skipped.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

function electronBinary(): string | null {
  try {
    const path: unknown = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

test('the desktop window shows the terminal and the live trace', async () => {
  const binary = electronBinary();
  const skipReason = 'Electron binary not installed on this machine: desktop test skipped';
  // The list reporter does not print skip reasons; say it in the run's output too.
  if (binary === null) console.log(skipReason);
  test.skip(binary === null, skipReason);

  const built = spawnSync(process.execPath, [join(root, 'bin/build-electron.js')], { cwd: root, encoding: 'utf8' });
  expect(built.status, built.stdout + built.stderr).toBe(0);

  const app = await electron.launch({
    executablePath: binary!,
    args: [root],
    cwd: root,
    env: { ...process.env, SMTP_LAB_DATA: mkdtempSync(join(tmpdir(), 'smtp-lab-electron-')), LANG: 'en_US.UTF-8' },
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'open', { timeout: 30_000 });

    // The page got the bridge, not Node.
    expect(await page.evaluate(() => typeof (window as unknown as { smtpLab?: unknown }).smtpLab)).toBe('object');
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');

    await expect(page.getByTestId('terminal').locator('.xterm-rows')).toBeVisible();
    await expect(page.getByText(/^(Trace|トレース)$/).first()).toBeVisible();

    // A typed SMTP connection shows up in the ladder through the IPC relay.
    await page.getByTestId('terminal').click();
    await page.keyboard.type('smtp mx.example.jp', { delay: 2 });
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-testid="trace-row"][data-layer="smtp"][data-dir="s2c"]').filter({ hasText: '220' }).first()).toBeVisible({
      timeout: 20_000,
    });
  } finally {
    await app.close();
  }
});
