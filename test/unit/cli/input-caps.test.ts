// Issue 18: every input the CLI reads is capped; more is refused with a clear error.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InputTooLargeError, lineCap, MAX_POLICY_FILE, readCapped } from '../../../engine/cli/read-capped.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [join(repoRoot, 'bin/smtp-lab.js'), ...args], { timeout: 30_000 }, (error, stdout, stderr) =>
      done({ code: typeof error?.code === 'number' ? error.code : error ? -1 : 0, stdout, stderr }),
    );
  });
}

describe('CLI input caps', () => {
  it('smtp-lab mta-sts parse /dev/zero stops at the policy cap with a clear error', async () => {
    const started = Date.now();
    const result = await cli(['mta-sts', 'parse', '/dev/zero']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^smtp-lab mta-sts: \/dev\/zero is larger than 65536 bytes, the limit for an MTA-STS policy/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('refuses a policy file just over the cap and parses one at it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smtp-lab-caps-'));
    const policy = 'version: STSv1\r\nmode: enforce\r\nmx: mx.example.jp\r\nmax_age: 86400\r\n';
    const atCap = join(dir, 'at-cap.txt');
    // Extension lines (RFC 8461 §3.2 sts-policy-ext) fill the file to exactly the cap.
    let text = policy;
    while (text.length < MAX_POLICY_FILE - 40) text += `x-pad${text.length}: ${'a'.repeat(20)}\r\n`;
    text += 'x'.repeat(MAX_POLICY_FILE - text.length - 2 - 4) + ': a\r\n';
    writeFileSync(atCap, text.slice(0, MAX_POLICY_FILE));
    const over = join(dir, 'over.txt');
    writeFileSync(over, `${policy}${'x-pad: a\r\n'.repeat(MAX_POLICY_FILE / 10 + 10)}`);
    expect((await cli(['mta-sts', 'parse', over])).stderr).toMatch(/is larger than 65536 bytes/);
    expect((await cli(['mta-sts', 'parse', atCap])).stderr).not.toMatch(/larger than/);
  });

  it('smtp-lab dane tlsa /dev/zero is refused at the certificate cap', async () => {
    const result = await cli(['dane', 'tlsa', '/dev/zero', '3', '1', '1']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\/dev\/zero is larger than 1048576 bytes, the limit for a certificate/);
  });

  it('lab policy set /dev/zero is refused at the cap of a policy to serve, before any lab is asked', async () => {
    const result = await cli(['policy', 'set', '/dev/zero', '--lang', 'en']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^lab policy: \/dev\/zero is larger than 1048576 bytes, the limit for an MTA-STS policy/);
  });

  it('readCapped reads at most one byte past the cap', async () => {
    await expect(readCapped('/dev/zero', 10, 'a test')).rejects.toBeInstanceOf(InputTooLargeError);
    const dir = mkdtempSync(join(tmpdir(), 'smtp-lab-caps-'));
    writeFileSync(join(dir, 'ten'), '0123456789');
    expect((await readCapped(join(dir, 'ten'), 10, 'a test')).toString()).toBe('0123456789');
  });

  it('lineCap passes short lines and fails a line that never ends', async () => {
    const collect = (chunks: Buffer[]) =>
      new Promise<string>((done, fail) => {
        let out = '';
        Readable.from(chunks).pipe(lineCap(16)).on('data', (c: Buffer) => (out += c)).on('end', () => done(out)).on('error', fail);
      });
    expect(await collect([Buffer.from('EHLO a\r\nQUIT\r\n')])).toBe('EHLO a\r\nQUIT\r\n');
    await expect(collect([Buffer.from('x'.repeat(10)), Buffer.from('y'.repeat(10))])).rejects.toThrow(/longer than 16 bytes/);
    await expect(collect([Buffer.from(`${'z'.repeat(20)}\nok\n`)])).rejects.toThrow(/longer than 16 bytes/);
  });
});
