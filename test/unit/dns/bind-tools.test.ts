// BIND's dig and delv as independent oracles: delv with the lab trust anchor must say "fully
// validated" for signed zones and fail for a broken one. CI installs bind9-dnsutils; when the
// tools are missing the test fails with a clear message unless SMTP_LAB_SKIP_BIND=1.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabDns, type LabDns } from '../../../engine/dns/lab/lab-dns.ts';
import { TLSA, tempDataDir } from './lab-zones.ts';

const run = promisify(execFile);
const skip = process.env.SMTP_LAB_SKIP_BIND === '1';

async function tool(name: string): Promise<string | null> {
  try {
    return (await run('sh', ['-c', `command -v ${name}`])).stdout.trim() || null;
  } catch {
    return null;
  }
}

async function delv(dns: LabDns, anchorFile: string, name: string, type: string): Promise<string> {
  const result = await run('delv', ['@127.0.0.1', '-p', String(dns.port), '-a', anchorFile, '+root=.', name, type], { timeout: 10_000 }).catch((e) => e as { stdout: string; stderr: string });
  return `${result.stdout}${result.stderr}`;
}

describe.skipIf(skip)('dig and delv against the lab DNS', () => {
  let dns: LabDns;
  let anchorFile: string;
  beforeAll(async () => {
    const dataDir = tempDataDir();
    dns = await startLabDns({ dataDir, pkiTlsa: TLSA });
    anchorFile = join(dataDir, 'anchor.conf');
    writeFileSync(anchorFile, dns.anchor.bind);
  });
  afterAll(async () => {
    await dns?.close();
  });

  it('the BIND tools are installed (apt-get install bind9-dnsutils, or set SMTP_LAB_SKIP_BIND=1)', async () => {
    expect(await tool('dig'), 'dig is missing: apt-get install bind9-dnsutils (or SMTP_LAB_SKIP_BIND=1)').not.toBeNull();
    expect(await tool('delv'), 'delv is missing: apt-get install bind9-dnsutils (or SMTP_LAB_SKIP_BIND=1)').not.toBeNull();
  });

  it('dig +dnssec shows the MX and its RRSIG', async () => {
    const { stdout } = await run('dig', ['@127.0.0.1', '-p', String(dns.port), '+dnssec', '+norec', 'example.jp', 'MX'], { timeout: 10_000 });
    expect(stdout).toMatch(/status: NOERROR/);
    expect(stdout).toMatch(/example\.jp\.\s+300\s+IN\s+MX\s+10 mx\.example\.jp\./);
    expect(stdout).toMatch(/IN\s+RRSIG\s+MX 13 2 300/);
  });

  it('delv: fully validated for the MX, the TLSA, NXDOMAIN and NODATA; unsigned for the attacker', async () => {
    expect(await delv(dns, anchorFile, 'example.jp', 'MX')).toContain('; fully validated');
    expect(await delv(dns, anchorFile, '_25._tcp.mx.example.jp', 'TLSA')).toContain('; fully validated');
    expect(await delv(dns, anchorFile, 'mail.sender.example', 'A')).toContain('; fully validated');
    expect(await delv(dns, anchorFile, 'nope.example.jp', 'A')).toContain('negative response, fully validated');
    expect(await delv(dns, anchorFile, 'mx.example.jp', 'TXT')).toContain('negative response, fully validated');
    expect(await delv(dns, anchorFile, 'attacker.example', 'A')).toContain('; unsigned answer');
  });

  it('delv: a broken signature fails validation', async () => {
    dns.zones.setMode('example.jp', 'bad-signature');
    try {
      const out = await delv(dns, anchorFile, 'example.jp', 'MX');
      expect(out).not.toContain('fully validated');
      expect(out).toMatch(/resolution failed|validation failed|no valid signature|SERVFAIL/i);
    } finally {
      dns.zones.setMode('example.jp', 'signed');
    }
  });
});
