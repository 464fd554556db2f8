// The receiver reaches into smtp-server's private parts in one file (smtp-server-internals.ts), written
// against one exact version. These tests fail when an upgrade breaks any of them: the pin, and the
// behaviour each private use gives (the greeting pause here; the line-length guard in
// receiver-bad-input.test.ts, the STARTTLS buffer in starttls-buffer.test.ts, the TLS key log in
// the export tests, the settings a session keeps from its accept in postconf/open-sessions.test.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTP_SERVER_VERSION } from '../../../engine/nodes/receiver/smtp-server-internals.ts';
import { parseGreetWait } from '../../../engine/postconf/greet-wait.ts';
import { openTestLab, type TestLab } from '../nodes/lab-fixture.ts';
import { WireClient } from '../nodes/wire-client.ts';

const root = resolve(import.meta.dirname, '../../..');

/** Milliseconds from connecting to the 220 greeting. */
async function greetingDelay(port: number): Promise<number> {
  const start = performance.now();
  const c = await WireClient.connect(port);
  const reply = await c.reply(10_000);
  const ms = performance.now() - start;
  expect(reply).toMatch(/^220 mx\.example\.jp/);
  c.destroy();
  return ms;
}

describe('smtp-server, pinned', () => {
  it('package.json pins the exact version the internals were written for, and it is the one installed', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies['smtp-server']).toBe(SMTP_SERVER_VERSION);
    const installed = JSON.parse(readFileSync(createRequire(join(root, 'package.json')).resolve('smtp-server/package.json'), 'utf8')) as { version: string };
    expect(installed.version).toBe(SMTP_SERVER_VERSION);
  });
});

describe('postscreen_greet_wait: the pause before the greeting', () => {
  let t: TestLab;
  beforeAll(async () => {
    t = await openTestLab();
  });
  afterAll(async () => t.close());

  it('reads time values as postconf(5) does; Postfix’s default is 6 s when not under stress', () => {
    expect(parseGreetWait('${stress?{2}:{6}}s')).toEqual({ ok: true, ms: 6000 });
    expect(parseGreetWait('0s')).toEqual({ ok: true, ms: 0 });
    expect(parseGreetWait('3')).toEqual({ ok: true, ms: 3000 });
    expect(parseGreetWait('1m')).toEqual({ ok: true, ms: 60_000 });
    expect(parseGreetWait('6 seconds').ok).toBe(false);
    expect(parseGreetWait('10m').ok).toBe(false);
  });

  it('is off in the lab: the greeting comes at once, without smtp-server’s 100 ms hold', async () => {
    expect(t.lab.postconf!.show('all', ['postscreen_greet_wait'])).toEqual({ ok: true, lines: ['postscreen_greet_wait = 0s'] });
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) delays.push(await greetingDelay(t.port25));
    expect(Math.min(...delays)).toBeLessThan(50);
  });

  it('set in main.cf, it holds the greeting, and a client that talks first gets 421', { timeout: 20_000 }, async () => {
    expect(t.lab.postconf!.edit(['postscreen_greet_wait = 1s']).ok).toBe(true);
    try {
      expect(await greetingDelay(t.port25)).toBeGreaterThanOrEqual(950);
      const early = await WireClient.connect(t.port25);
      early.send('EHLO bot.example\r\n');
      expect(await early.reply(5000)).toMatch(/^421 .*talk too soon/i);
      early.destroy();
    } finally {
      t.lab.postconf!.reset();
    }
    expect(await greetingDelay(t.port25)).toBeLessThan(500);
  });

  it('refuses a value that is not a time, naming the rule', () => {
    const result = t.lab.postconf!.edit(['postscreen_greet_wait = soon']);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).toMatch(/postscreen_greet_wait.*not a time value/);
  });
});
