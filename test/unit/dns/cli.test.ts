// The CLI modules called directly: dns anchor, dns query --json, labdig.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run as dns } from '../../../engine/cli/commands/dns.ts';
import { run as labdig } from '../../../engine/cli/commands/labdig.ts';
import { tempDataDir } from './lab-zones.ts';

let out = '';
beforeEach(() => {
  out = '';
  vi.stubEnv('SMTP_LAB_DATA', tempDataDir());
  vi.stubEnv('SMTP_LAB_DNS_PORT', '');
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('smtp-lab dns and labdig', () => {
  it('dns anchor prints a BIND trust-anchors clause with the root KSK, stable across runs', async () => {
    expect(await dns(['anchor'])).toBe(0);
    expect(out).toMatch(/^trust-anchors \{\n\t\. static-key 257 3 13 "[A-Za-z0-9+/=]{88}";\n\};\n$/);
    const first = out;
    out = '';
    await dns(['anchor']);
    expect(out).toBe(first);
  });

  it('dns query --json gives status, rcode, answers and reason', async () => {
    expect(await dns(['query', 'example.jp', 'MX', '--json'])).toBe(0);
    const result = JSON.parse(out);
    expect(result).toMatchObject({ status: 'secure', rcode: 'NOERROR', answers: ['10 mx.example.jp.'] });
    expect(result.reason).toContain('RRSIG MX by example.jp');
  });

  it('dns query --no-validate reports the answer unchecked', async () => {
    await dns(['query', 'attacker.example', 'A', '--json', '--no-validate']);
    expect(JSON.parse(out)).toMatchObject({ status: 'unchecked', answers: ['203.0.113.66'] });
  });

  it('labdig prints the answer, the RRSIG, the verdict and the chain', async () => {
    expect(await labdig(['mx.example.jp'])).toBe(0);
    expect(out).toMatch(/mx\.example\.jp\.\t300\tIN\tA\t192\.0\.2\.25/);
    expect(out).toMatch(/RRSIG\tA 13 3 300/);
    expect(out).toContain(';; VALIDATION: SECURE');
    expect(out).toMatch(/example\.jp\.\s+secure\s+DS \d+ -> DNSKEY \d+/);
  });

  it('usage errors exit 2', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await labdig([])).toBe(2);
    expect(await dns(['nope'])).toBe(2);
  });
});
