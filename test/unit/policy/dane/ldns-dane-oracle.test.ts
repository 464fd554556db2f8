// ldns-dane (Debian ldnsutils) as the oracle for DANE-TA: the same server, the same TLSA record,
// the same verdict. A 2 0 1 record of the CA matches only when the server sends the CA
// (RFC 7672 §3.1.2, RFC 7671 §5.2.2); a 3 1 1 record of the server key matches the leaf alone.
// The records come from a file (-t) and are taken as DNSSEC-valid (-d); -a connects to
// 127.0.0.1 without resolving the name, so nothing leaves the machine.
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRootCa, issueServerLeaf, type IssuedPem } from '../../../../engine/pki/issue.ts';
import { matchChain } from '../../../../engine/policy/dane/chain-match.ts';
import { tlsaData } from '../../../../engine/policy/dane/tlsa-data.ts';
import { formatTlsa, type TlsaRecord } from '../../../../engine/policy/dane/tlsa-record.ts';
import { chainSeenBySender, presentingServer, type PresentingServer } from './chain-over-tls.ts';

const LDNS_DANE = '/usr/bin/ldns-dane';
const HOST = 'mx.example.jp';
const ORACLE_TIMEOUT_MS = 10_000;

let dir: string;
let ca: IssuedPem;
let leaf: IssuedPem;
const servers: Record<'leaf-only' | 'full-chain', PresentingServer | undefined> = { 'leaf-only': undefined, 'full-chain': undefined };

function ldnsDane(port: number, record: TlsaRecord): Promise<{ validated: boolean; output: string }> {
  const file = join(dir, `tlsa-${port}-${record.usage}${record.selector}${record.matchingType}.txt`);
  writeFileSync(file, `_${port}._tcp.${HOST}. 3600 IN TLSA ${formatTlsa(record)}\n`);
  return new Promise((resolve) => {
    execFile(LDNS_DANE, ['-d', '-a', '127.0.0.1', '-t', file, 'verify', HOST, String(port)], { timeout: ORACLE_TIMEOUT_MS }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`.trim();
      // Exit 0 and "dane-validated successfully"; anything else is a refusal.
      resolve({ validated: !error && /dane-validated successfully/.test(output), output });
    });
  });
}

async function ours(port: number, record: TlsaRecord): Promise<boolean> {
  // The chain as the sender sees it under DANE: through a connection that trusts no CA.
  const chain = await chainSeenBySender(port, []);
  return matchChain({ chain, records: [record], referenceNames: [HOST, 'example.jp'], now: Date.now() }).matched;
}

const spki311 = () => ({ usage: 3, selector: 1, matchingType: 1, data: tlsaData(new X509Certificate(leaf.certPem), 1, 1) });
const ca201 = () => ({ usage: 2, selector: 0, matchingType: 1, data: tlsaData(new X509Certificate(ca.certPem), 0, 1) });

describe.skipIf(!existsSync(LDNS_DANE))('DANE-TA verdicts agree with ldns-dane (needs ldnsutils)', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'smtp-lab-ldns-dane-'));
    ca = await createRootCa('Oracle Lab CA');
    leaf = await issueServerLeaf(ca, HOST);
    servers['leaf-only'] = await presentingServer(leaf.certPem, leaf.keyPem);
    servers['full-chain'] = await presentingServer(`${leaf.certPem.trimEnd()}\n${ca.certPem}`, leaf.keyPem);
  });
  afterAll(async () => {
    for (const server of Object.values(servers)) await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['leaf-only', '2 0 1 of the CA', ca201, false],
    ['full-chain', '2 0 1 of the CA', ca201, true],
    ['leaf-only', '3 1 1 of the server key', spki311, true],
    ['full-chain', '3 1 1 of the server key', spki311, true],
  ] as const)('%s server, %s: matched = %s', async (presenting, _what, record, expected) => {
    const port = servers[presenting]!.port;
    const oracle = await ldnsDane(port, record());
    expect(oracle.validated, oracle.output).toBe(expected);
    expect(await ours(port, record())).toBe(oracle.validated);
  });

  it('the chain of a connection that trusts the CA would have matched where ldns-dane does not (the bug)', async () => {
    const port = servers['leaf-only']!.port;
    const oracle = await ldnsDane(port, ca201());
    expect(oracle.output).toMatch(/no matching DANE TLSA records/);
    const trustingChain = await chainSeenBySender(port, [ca.certPem]);
    expect(matchChain({ chain: trustingChain, records: [ca201()], referenceNames: [HOST], now: Date.now() }).matched).toBe(true);
  });
});
