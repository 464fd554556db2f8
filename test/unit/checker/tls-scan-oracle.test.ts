// The checker's TLS findings against independent tools on the same server: `openssl s_client`
// for each version and each accepted suite, and testssl.sh's protocol and per-protocol cipher
// lists. A legacy receiver (TLS 1.0 on, Postfix's "medium" grade) gives them something to find.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckerReport } from '../../../common/checker.ts';
import { defaultReceiverConfig } from '../../../engine/nodes/receiver/receiver-config.ts';
import { openTestLab, type TestLab } from '../nodes/lab-fixture.ts';

const has = (tool: string) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).error === undefined;
const OPENSSL = has('openssl');
const TESTSSL = has('testssl');
const LEGACY_CIPHERS = 'aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH:@SECLEVEL=0';
const VERSION_FLAG: Record<string, string> = { 'TLS 1.0': '-tls1', 'TLS 1.1': '-tls1_1', 'TLS 1.2': '-tls1_2', 'TLS 1.3': '-tls1_3' };
const TESTSSL_ID: Record<string, string> = { 'TLS 1.0': 'TLS1', 'TLS 1.1': 'TLS1_1', 'TLS 1.2': 'TLS1_2', 'TLS 1.3': 'TLS1_3' };

let t: TestLab;
let port: number;
let report: CheckerReport;

/** "mx.example.jp (192.0.2.25) TLS 1.2: A (good), B (sufficient)" → {"TLS 1.2": [A, B]}. */
function suitesByVersion(r: CheckerReport): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const line of r.items.find((i) => i.id === 'ciphers')!.evidence) {
    const m = /\) (TLS 1\.[0-3]): (.*)$/.exec(line);
    if (m) out[m[1]] = m[2].split(', ').map((s) => s.replace(/ \(.*\)$/, ''));
  }
  return out;
}

function acceptedVersions(r: CheckerReport): string[] {
  const line = r.items.find((i) => i.id === 'tls-version')!.evidence[0];
  return [...(/accepts (.*?);/.exec(line)?.[1] ?? '').matchAll(/TLS 1\.[0-3]/g)].map((m) => m[0]);
}

/** openssl's verdict: the negotiated version and suite, or null when the handshake failed. */
async function sClient(args: string[]): Promise<{ version: string; cipher: string } | null> {
  const run = await new Promise<string>((resolve) => {
    const child = execFile('openssl', ['s_client', '-starttls', 'smtp', '-connect', `127.0.0.1:${port}`, '-servername', 'mx.example.jp', ...args], { timeout: 10_000 }, (_error, stdout) => resolve(stdout));
    // End of input: s_client says QUIT-like goodbye and exits after the handshake.
    child.stdin?.end();
  });
  // The "New," line names the suite's own minimum version; the session's "Protocol" line the negotiated one.
  const cipher = /^New, \S+, Cipher is (\S+)/m.exec(run)?.[1];
  const version = /^\s*Protocol\s*:\s*(\S+)/m.exec(run)?.[1];
  return cipher && cipher !== '(NONE)' && version ? { version, cipher } : null;
}

beforeAll(async () => {
  t = await openTestLab();
  t.lab.receiver.setTls({ ...defaultReceiverConfig().tls, minVersion: 'TLSv1', ciphers: LEGACY_CIPHERS });
  port = t.port25;
  const run = await t.lab.checker!.run('example.jp');
  if (!run.ok) throw new Error(run.message);
  report = run.report;
}, 60_000);
afterAll(async () => t?.close());

describe('TLS findings against real tools', () => {
  it.skipIf(!OPENSSL)('openssl s_client agrees on every version and on each suite the checker found per version', async () => {
    expect(acceptedVersions(report)).toEqual(['TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3']);
    for (const version of ['TLS 1.0', 'TLS 1.1', 'TLS 1.2']) {
      const seen = await sClient([VERSION_FLAG[version], '-cipher', 'ALL:COMPLEMENTOFALL:@SECLEVEL=0']);
      expect(seen?.version, version).toBe(version === 'TLS 1.0' ? 'TLSv1' : version.replace('TLS ', 'TLSv'));
    }
    const suites = suitesByVersion(report);
    expect(suites['TLS 1.2']).toEqual(expect.arrayContaining(['ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-ECDSA-ARIA256-GCM-SHA384', 'ECDHE-ECDSA-CAMELLIA256-SHA384']));
    for (const cipher of suites['TLS 1.2']) {
      expect(await sClient(['-tls1_2', '-cipher', `${cipher}:@SECLEVEL=0`]), cipher).toEqual({ version: 'TLSv1.2', cipher });
    }
    // A suite the checker did not find is one the server refuses.
    expect(await sClient(['-tls1_2', '-cipher', 'ECDHE-ECDSA-NULL-SHA:@SECLEVEL=0'])).toBeNull();
  }, 60_000);

  it.skipIf(!TESTSSL)('testssl.sh finds the same protocols and the same suites per protocol', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'testssl-'));
    try {
      const json = join(dir, 'out.json');
      await promisify(execFile)('testssl', ['--quiet', '--color', '0', '--warnings', 'off', '--starttls', 'smtp', '-p', '-E', '--jsonfile', json, `127.0.0.1:${port}`], { timeout: 170_000 }).catch((e: { code?: number }) => {
        // testssl exits non-zero for findings it grades badly; its JSON is what counts.
        if (typeof e.code !== 'number') throw e;
      });
      const findings = JSON.parse(await readFile(json, 'utf8')) as { id: string; finding: string }[];
      const offered = Object.entries(TESTSSL_ID).filter(([, id]) => /^offered/.test(findings.find((f) => f.id === id)?.finding ?? '')).map(([v]) => v);
      expect(acceptedVersions(report)).toEqual(offered);
      const ours = suitesByVersion(report);
      for (const version of offered) {
        const id = new RegExp(`^cipher-${TESTSSL_ID[version].toLowerCase()}_x[0-9a-f]+$`);
        const theirs = findings.filter((f) => id.test(f.id)).map((f) => f.finding.split(/\s+/)[3]);
        expect(new Set(ours[version]), version).toEqual(new Set(theirs));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
