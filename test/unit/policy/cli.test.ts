// smtp-lab mta-sts parse|match and smtp-lab dane tlsa, called as the dispatcher calls them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run as dane } from '../../../engine/cli/commands/dane.ts';
import { run as mtaSts } from '../../../engine/cli/commands/mta-sts.ts';

async function capture(fn: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
  try {
    return { code: await fn(), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'policy-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('smtp-lab mta-sts parse', () => {
  it('prints the normalized policy and exits 0', async () => {
    const file = join(dir, 'good.txt');
    writeFileSync(file, 'version: STSv1\r\nmode: enforce\r\nmx: mx.example.jp\r\nmax_age: 99999999\r\n');
    const r = await capture(() => mtaSts(['parse', file]));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/mode: +enforce/);
    expect(r.out).toMatch(/max_age: 31557600 \(capped from 99999999\)/);
  });

  it('names the line and the rule of an error and exits 1', async () => {
    const file = join(dir, 'bad.txt');
    writeFileSync(file, 'version: STSv1\nmode: Enforce\nmx: mx.example.jp\nmax_age: 86400\n');
    const r = await capture(() => mtaSts(['parse', file]));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/line 2: mode "Enforce" .*\(RFC 8461 §3\.2, sts-policy-mode-value\)/);
  });

  it('--json prints the result as JSON', async () => {
    const file = join(dir, 'none.txt');
    writeFileSync(file, 'version: STSv1\nmode: none\nmax_age: 0\n');
    const r = await capture(() => mtaSts(['parse', file, '--json']));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ ok: true, policy: { mode: 'none', maxAge: 0, mx: [] } });
    writeFileSync(file, 'version: STSv1\nmode: enforce\nmax_age: 0\n');
    const bad = await capture(() => mtaSts(['parse', '--json', file]));
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out)).toMatchObject({ ok: false, errors: [{ production: 'sts-policy-mx', rule: 'RFC 8461 §3.2' }] });
  });

  it('rejects a file that is not UTF-8, and a missing file', async () => {
    const file = join(dir, 'latin1.txt');
    writeFileSync(file, Buffer.from([0x76, 0xe9, 0x0a]));
    expect((await capture(() => mtaSts(['parse', file]))).out).toMatch(/not valid UTF-8/);
    expect((await capture(() => mtaSts(['parse', join(dir, 'missing.txt')]))).code).toBe(1);
    expect((await capture(() => mtaSts(['parse']))).code).toBe(2);
  });
});

describe('smtp-lab mta-sts match', () => {
  it('exits 0 with an explanation when the pattern matches', async () => {
    const r = await capture(() => mtaSts(['match', '*.example.jp', 'mx.example.jp']));
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    expect(r.out).toMatch(/^match: .*RFC 8461 §4\.1/);
  });
  it('exits 1 with an explanation when it does not', async () => {
    const r = await capture(() => mtaSts(['match', '*.example.jp', 'a.mx.example.jp']));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^no match: .*exactly one label/);
  });
});

describe('smtp-lab dane tlsa, against the openssl pipeline', () => {
  let pem: string;
  const openssl = (args: string[], input?: Buffer) => execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] });
  const digestOf = (data: Buffer, alg: 'sha256' | 'sha512') => openssl(['dgst', `-${alg}`], data).toString().trim().split('= ')[1];

  beforeAll(() => {
    pem = join(dir, 'cert.pem');
    openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', pem, '-days', '30', '-subj', '/CN=mx.example.jp', '-addext', 'subjectAltName=DNS:mx.example.jp']);
  });

  it('3 1 1 equals openssl x509 -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256', async () => {
    const pubkey = openssl(['x509', '-in', pem, '-noout', '-pubkey']);
    const spki = openssl(['pkey', '-pubin', '-outform', 'DER'], pubkey);
    const r = await capture(() => dane(['tlsa', pem, '3', '1', '1']));
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(digestOf(spki, 'sha256'));
    expect(r.out.trim()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('every selector and matching type equals its openssl pipeline', async () => {
    const certDer = openssl(['x509', '-in', pem, '-outform', 'DER']);
    const spki = openssl(['pkey', '-pubin', '-outform', 'DER'], openssl(['x509', '-in', pem, '-noout', '-pubkey']));
    const expected: Record<string, string> = {
      '0 0': certDer.toString('hex'),
      '0 1': digestOf(certDer, 'sha256'),
      '0 2': digestOf(certDer, 'sha512'),
      '1 0': spki.toString('hex'),
      '1 1': digestOf(spki, 'sha256'),
      '1 2': digestOf(spki, 'sha512'),
    };
    for (const [pair, hex] of Object.entries(expected)) {
      const [selector, matching] = pair.split(' ');
      for (const usage of ['2', '3']) {
        const r = await capture(() => dane(['tlsa', pem, usage, selector, matching]));
        expect(r.out.trim(), `${usage} ${pair}`).toBe(hex);
      }
    }
  });

  it('notes that PKIX usages are unusable for SMTP, and refuses unknown selectors', async () => {
    const r = await capture(() => dane(['tlsa', pem, '1', '1', '1']));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/RFC 7672 §3\.1\.3/);
    expect((await capture(() => dane(['tlsa', pem, '3', '2', '1']))).code).toBe(2);
    expect((await capture(() => dane(['tlsa', pem, '3', '1', 'x']))).err).toMatch(/matching type/);
    expect((await capture(() => dane(['tlsa', join(dir, 'nope.pem'), '3', '1', '1']))).code).toBe(1);
  });
});
