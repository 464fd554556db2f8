// DANE-TA matches only the certificates the server presents (RFC 7672 §3.1.2, RFC 7671 §5.2.2):
// the lab CA named by `2 0 1` counts only when the server sent it, whatever the sender trusts.
import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRootCa, issueServerLeaf } from '../../../../engine/pki/issue.ts';
import { matchChain } from '../../../../engine/policy/dane/chain-match.ts';
import { daneRequirement, daneVerdict } from '../../../../engine/policy/dane/decision.ts';
import { tlsaData } from '../../../../engine/policy/dane/tlsa-data.ts';
import type { TlsaRecord } from '../../../../engine/policy/dane/tlsa-record.ts';

const refs = ['mx.example.jp', 'example.jp'];
const record = (usage: number, selector: number, matchingType: number, cert: X509Certificate): TlsaRecord => ({ usage, selector, matchingType, data: tlsaData(cert, selector, matchingType) });

let ca: X509Certificate;
let leaf: X509Certificate;
beforeAll(async () => {
  const caPem = await createRootCa('DANE-TA Test CA');
  ca = new X509Certificate(caPem.certPem);
  leaf = new X509Certificate((await issueServerLeaf(caPem, 'mx.example.jp')).certPem);
});

describe('DANE-TA against the presented chain (RFC 7672 §3.1.2)', () => {
  it('2 0 1 of a CA the server did not send does not match, and says how to fix it', () => {
    const match = matchChain({ chain: [leaf.raw], records: [record(2, 0, 1, ca)], referenceNames: refs, now: Date.now() });
    expect(match).toMatchObject({ matched: false, rule: 'RFC 7672 §3.1.2', tlsrptResult: 'validation-failure' });
    expect(match.reason).toMatch(/only a certificate in the presented chain/);
    expect(match.reason).toMatch(/send its chain/);
    expect(match.reason).toMatch(/3 1 1/);
  });

  it('2 0 1 matches once the server sends the CA after its leaf', () => {
    const match = matchChain({ chain: [leaf.raw, ca.raw], records: [record(2, 0, 1, ca)], referenceNames: refs, now: Date.now() });
    expect(match).toMatchObject({ matched: true, rule: 'RFC 7672 §3.2.2', record: { usage: 2 } });
    expect(match.reason).toMatch(/certificate 2 of the 2 the server presented/);
  });

  it('3 1 1 of the server key matches the leaf alone', () => {
    expect(matchChain({ chain: [leaf.raw], records: [record(3, 1, 1, leaf)], referenceNames: refs, now: Date.now() })).toMatchObject({ matched: true, rule: 'RFC 7672 §3.1.1' });
  });

  it('the DANE verdict for a leaf-only server under 2 0 1: not authenticated, try the next MX', () => {
    const host = { nextHopDomain: 'example.jp', mxHost: 'mx.example.jp' };
    const requirement = daneRequirement(host, { mx: 'secure', address: 'secure', tlsa: { status: 'secure', records: [record(2, 0, 1, ca)] } });
    const tls = { starttlsOffered: true, handshake: { ok: true as const, version: 'TLSv1.3' } };
    expect(daneVerdict(requirement, { tls, chain: [leaf.raw], now: Date.now() })).toMatchObject({ verdict: 'try-next-mx', rule: 'RFC 7672 §3.1.2', tlsrptResult: 'validation-failure' });
    expect(daneVerdict(requirement, { tls, chain: [leaf.raw, ca.raw], now: Date.now() })).toMatchObject({ verdict: 'deliver' });
  });
});
