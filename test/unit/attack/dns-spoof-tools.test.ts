// dns-spoof seen with real tools: dig and delv on the port the host table shows for
// ns.example.jp (the terminal's link) get the forged MX while the attack is on; delv with the lab
// trust anchor calls it bogus because the forger cannot sign (RFC 4035 §5.5). Off: the genuine,
// fully validated answer. The tools come from bind9-dnsutils; without them the tests are skipped.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostTable } from '../../../engine/lab/start-lab.ts';
import { openAttackLab, type AttackLab } from './attack-fixture.ts';

const run = promisify(execFile);
const TOOL_TIMEOUT_MS = 10_000;

async function has(tool: string): Promise<boolean> {
  return run(tool, ['-v'], { timeout: TOOL_TIMEOUT_MS }).then(() => true, () => false);
}

const missing = (await Promise.all(['dig', 'delv'].map(async (tool) => ((await has(tool)) ? null : tool)))).filter(Boolean);
if (missing.length > 0) console.warn(`dns-spoof with dig/delv skipped: ${missing.join(' and ')} missing (apt-get install bind9-dnsutils)`);

/** stdout and stderr together; a failing tool (delv exits non-zero on bogus) is not an error here. */
async function tool(name: string, args: string[]): Promise<string> {
  const result = await run(name, args, { timeout: TOOL_TIMEOUT_MS }).catch((e: { stdout?: string; stderr?: string }) => ({ stdout: e.stdout ?? '', stderr: e.stderr ?? '' }));
  return `${result.stdout}${result.stderr}`;
}

describe.skipIf(missing.length > 0)('dns-spoof on the terminal → ns.example.jp:53 link, seen with dig and delv', () => {
  let t: AttackLab;
  let port: number;
  let anchorFile: string;
  const dig = (name: string, type: string, ...flags: string[]) => tool('dig', ['@127.0.0.1', '-p', String(port), '+short', '+tries=1', '+time=3', ...flags, name, type]);
  const delv = (name: string, type: string) => tool('delv', ['@127.0.0.1', '-p', String(port), '-a', anchorFile, '+root=.', name, type]);

  beforeAll(async () => {
    t = await openAttackLab();
    port = hostTable(t.lab.hosts())['ns.example.jp'].ports['53'];
    anchorFile = join(t.lab.dataDir, 'anchor.conf');
    // What `smtp-lab dns anchor` prints.
    writeFileSync(anchorFile, t.lab.dns.anchor.bind);
  });
  afterAll(async () => t?.close());

  it('attack off: dig shows the real MX and delv says fully validated', async () => {
    expect((await dig('example.jp', 'MX')).trim()).toBe('10 mx.example.jp.');
    const out = await delv('example.jp', 'MX');
    expect(out).toContain('; fully validated');
    expect(out).toMatch(/example\.jp\.\s+\d+\s+IN\s+MX\s+10 mx\.example\.jp\./);
  });

  it('attack on: dig shows the forged MX, delv with the lab anchor finds it bogus', async () => {
    const status = await t.attack('dns-spoof');
    expect(status.active?.links).toContain('terminal → ns.example.jp:53');
    expect((await dig('example.jp', 'MX')).trim()).toBe('10 mail.attacker.example.');
    expect((await dig('example.jp', 'MX', '+tcp')).trim()).toBe('10 mail.attacker.example.');
    const out = await delv('example.jp', 'MX');
    expect(out).not.toContain('fully validated');
    expect(out).toMatch(/no valid signature found|RRSIG failed to verify/);
    expect(out).toContain('resolution failed');
    const forged = t.lab.trace.all().filter((e) => e.layer === 'attack' && e.detail?.action === 'forge' && e.link?.from === 'terminal' && e.link?.port === 53);
    expect(forged.map((e) => e.summary)).toContainEqual(expect.stringContaining('example.jp MX replaced'));
    // Only the forged answers fail: what the attacker leaves alone still validates.
    expect(await delv('mx.example.jp', 'A')).toContain('; fully validated');
  });

  it('attack off again: the link passes every answer unchanged', async () => {
    await t.attacker.off();
    expect((await dig('example.jp', 'MX')).trim()).toBe('10 mx.example.jp.');
    expect((await dig('example.jp', 'MX', '+tcp')).trim()).toBe('10 mx.example.jp.');
    expect(await delv('example.jp', 'MX')).toContain('; fully validated');
  });
});
