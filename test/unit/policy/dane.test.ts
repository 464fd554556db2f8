// RFC 6698, RFC 7671, RFC 7672: TLSA records, chain matching and the DANE decision.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { matchChain, strongestDigests } from '../../../engine/policy/dane/chain-match.ts';
import { daneRequirement, daneVerdict, type DaneLookups } from '../../../engine/policy/dane/decision.ts';
import { tlsaData } from '../../../engine/policy/dane/tlsa-data.ts';
import { parseTlsaFields, parseTlsaPresentation, tlsaUsability, type TlsaRecord } from '../../../engine/policy/dane/tlsa-record.ts';
import { DAY_MS, intermediateCa, leaf, rootCa, type TestCert } from './fixtures.ts';

const rec = (usage: number, selector: number, matchingType: number, cert: TestCert): TlsaRecord => ({ usage, selector, matchingType, data: tlsaData(cert.cert, selector, matchingType) });

describe('TLSA record syntax (RFC 6698 §2)', () => {
  it('parses the presentation form, hex in any case and split by spaces', () => {
    const r = parseTlsaPresentation(`3 1 1 ${'AB'.repeat(16)} ${'cd'.repeat(16)}`);
    expect(r).toMatchObject({ ok: true, record: { usage: 3, selector: 1, matchingType: 1 } });
    if (r.ok) expect(r.record.data).toHaveLength(32);
  });
  it('names the field of a syntax error', () => {
    expect(parseTlsaFields('x', 1, 1, 'ab')).toMatchObject({ ok: false, field: 'usage' });
    expect(parseTlsaFields(3, 256, 1, 'ab')).toMatchObject({ ok: false, field: 'selector' });
    expect(parseTlsaFields(3, 1, -1, 'ab')).toMatchObject({ ok: false, field: 'matching-type' });
    expect(parseTlsaFields(3, 1, 1, 'abz0')).toMatchObject({ ok: false, field: 'data' });
    expect(parseTlsaFields(3, 1, 1, 'abc')).toMatchObject({ ok: false, field: 'data' });
    expect(parseTlsaFields(3, 1, 1, '')).toMatchObject({ ok: false, field: 'data' });
    expect(parseTlsaPresentation('3 1 1')).toMatchObject({ ok: false, field: 'record' });
  });
});

describe('unusable TLSA records (RFC 6698 §4.1, RFC 7672 §3.1.3)', () => {
  const digest = Buffer.alloc(32, 1);
  it('PKIX-TA(0) and PKIX-EE(1) are unusable for SMTP', () => {
    expect(tlsaUsability({ usage: 0, selector: 1, matchingType: 1, data: digest })).toMatchObject({ usable: false, rule: 'RFC 7672 §3.1.3' });
    expect(tlsaUsability({ usage: 1, selector: 1, matchingType: 1, data: digest })).toMatchObject({ usable: false, rule: 'RFC 7672 §3.1.3' });
  });
  it('unknown usage, selector or matching type is unusable', () => {
    expect(tlsaUsability({ usage: 4, selector: 1, matchingType: 1, data: digest })).toMatchObject({ usable: false, rule: 'RFC 6698 §4.1' });
    expect(tlsaUsability({ usage: 3, selector: 2, matchingType: 1, data: digest }).usable).toBe(false);
    expect(tlsaUsability({ usage: 3, selector: 1, matchingType: 3, data: digest }).usable).toBe(false);
  });
  it('a digest of the wrong length, or full data that does not parse, is malformed', () => {
    expect(tlsaUsability({ usage: 3, selector: 1, matchingType: 1, data: Buffer.alloc(31) }).usable).toBe(false);
    expect(tlsaUsability({ usage: 3, selector: 1, matchingType: 2, data: Buffer.alloc(32) }).usable).toBe(false);
    expect(tlsaUsability({ usage: 3, selector: 0, matchingType: 0, data: Buffer.from('not a cert') }).usable).toBe(false);
    expect(tlsaUsability({ usage: 3, selector: 1, matchingType: 0, data: Buffer.from('not a key') }).usable).toBe(false);
  });
  it('DANE-TA and DANE-EE with known parameters are usable', () => {
    expect(tlsaUsability({ usage: 2, selector: 0, matchingType: 1, data: digest }).usable).toBe(true);
    expect(tlsaUsability({ usage: 3, selector: 1, matchingType: 2, data: Buffer.alloc(64) }).usable).toBe(true);
  });
});

describe('chain matching with real certificates', () => {
  let root: TestCert, inter: TestCert, mx: TestCert, other: TestCert, expired: TestCert, selfSigned: TestCert, wrongName: TestCert, viaWildcard: TestCert;
  const now = Date.now();
  const refs = ['mx.example.jp', 'example.jp'];
  beforeAll(async () => {
    root = await rootCa();
    inter = await intermediateCa(root);
    mx = await leaf(inter, 'mx.example.jp');
    other = await leaf(inter, 'mx.example.jp');
    expired = await leaf(inter, 'mx.example.jp', { notBefore: now - 30 * DAY_MS, notAfter: now - DAY_MS });
    selfSigned = await leaf(null, 'whatever.invalid', { notBefore: now - 30 * DAY_MS, notAfter: now - DAY_MS });
    wrongName = await leaf(inter, 'www.example.org');
    viaWildcard = await leaf(inter, 'x', { dnsNames: ['*.example.jp'] });
  });
  const chain = (...certs: TestCert[]) => certs.map((c) => c.der);

  it('computes SPKI SHA-256 as sha256 of the DER SubjectPublicKeyInfo', () => {
    const spki = mx.cert.publicKey.export({ type: 'spki', format: 'der' });
    expect(tlsaData(mx.cert, 1, 1).toString('hex')).toBe(createHash('sha256').update(spki).digest('hex'));
    expect(tlsaData(mx.cert, 0, 0).equals(mx.der)).toBe(true);
    expect(tlsaData(mx.cert, 0, 2)).toHaveLength(64);
  });

  for (const selector of [0, 1]) {
    for (const matchingType of [0, 1, 2]) {
      it(`DANE-EE 3 ${selector} ${matchingType} matches the leaf and no other key`, () => {
        const records = [rec(3, selector, matchingType, mx)];
        expect(matchChain({ chain: chain(mx, inter), records, referenceNames: refs, now })).toMatchObject({ matched: true, rule: 'RFC 7672 §3.1.1' });
        expect(matchChain({ chain: chain(other, inter), records, referenceNames: refs, now })).toMatchObject({ matched: false, tlsrptResult: 'validation-failure' });
      });
      it(`DANE-TA 2 ${selector} ${matchingType} matches a leaf issued under the anchor`, () => {
        const records = [rec(2, selector, matchingType, inter)];
        expect(matchChain({ chain: chain(mx, inter), records, referenceNames: refs, now })).toMatchObject({ matched: true, rule: 'RFC 7672 §3.2.2' });
        const rootRecords = [rec(2, selector, matchingType, root)];
        expect(matchChain({ chain: chain(mx, inter, root), records: rootRecords, referenceNames: refs, now }).matched).toBe(true);
      });
    }
  }

  it('DANE-EE ignores names and expiry (RFC 7672 §3.2.1)', () => {
    expect(matchChain({ chain: chain(selfSigned), records: [rec(3, 1, 1, selfSigned)], referenceNames: refs, now }).matched).toBe(true);
  });

  it('DANE-TA requires the anchor in the presented chain', () => {
    expect(matchChain({ chain: chain(mx), records: [rec(2, 0, 1, inter)], referenceNames: refs, now })).toMatchObject({ matched: false, tlsrptResult: 'validation-failure' });
  });

  it('DANE-TA requires the leaf to chain to the anchor', async () => {
    const stranger = await rootCa('Stranger');
    expect(matchChain({ chain: chain(mx, stranger), records: [rec(2, 1, 1, stranger)], referenceNames: refs, now })).toMatchObject({ matched: false, tlsrptResult: 'validation-failure' });
  });

  it('DANE-TA checks names: TLSA base domain or next-hop domain, wildcard as first label', () => {
    const records = [rec(2, 1, 1, inter)];
    expect(matchChain({ chain: chain(wrongName, inter), records, referenceNames: refs, now })).toMatchObject({ matched: false, tlsrptResult: 'certificate-host-mismatch' });
    expect(matchChain({ chain: chain(viaWildcard, inter), records, referenceNames: refs, now }).matched).toBe(true);
  });

  it('DANE-TA accepts a certificate naming the next-hop domain only', async () => {
    const nextHop = await leaf(inter, 'example.jp');
    expect(matchChain({ chain: chain(nextHop, inter), records: [rec(2, 1, 1, inter)], referenceNames: refs, now }).matched).toBe(true);
  });

  it('DANE-TA checks validity dates', () => {
    expect(matchChain({ chain: chain(expired, inter), records: [rec(2, 1, 1, inter)], referenceNames: refs, now })).toMatchObject({ matched: false, tlsrptResult: 'certificate-expired' });
  });

  it('one usable match suffices in an RRset of EE and TA records', () => {
    const records = [rec(3, 1, 1, other), rec(2, 1, 1, inter)];
    expect(matchChain({ chain: chain(mx, inter), records, referenceNames: refs, now })).toMatchObject({ matched: true, record: { usage: 2 } });
  });

  it('skips unusable records and matches a usable one', () => {
    const records = [{ usage: 1, selector: 1, matchingType: 1, data: tlsaData(mx.cert, 1, 1) }, rec(3, 1, 1, mx)];
    expect(matchChain({ chain: chain(mx), records, referenceNames: refs, now })).toMatchObject({ matched: true, record: { usage: 3 } });
  });

  it('digest agility: with SHA2-512 present, the SHA2-256 record of the same usage and selector is not used (RFC 7671 §9)', () => {
    const stale = rec(3, 1, 1, mx);
    const strong = { usage: 3, selector: 1, matchingType: 2, data: Buffer.alloc(64, 7) };
    expect(strongestDigests([stale, strong])).toEqual([strong]);
    expect(matchChain({ chain: chain(mx), records: [stale, strong], referenceNames: refs, now }).matched).toBe(false);
    expect(strongestDigests([stale, rec(3, 0, 2, mx)])).toHaveLength(2);
  });
});

describe('the DANE decision (RFC 7672 §2)', () => {
  let mx: TestCert;
  let records: TlsaRecord[];
  const now = Date.now();
  const host = { nextHopDomain: 'example.jp', mxHost: 'mx.example.jp' };
  const tls13 = { starttlsOffered: true, handshake: { ok: true as const, version: 'TLSv1.3' } };
  beforeAll(async () => {
    mx = await leaf(null, 'mx.example.jp');
    records = [rec(3, 1, 1, mx)];
  });
  const lookups = (over: Partial<DaneLookups> = {}): DaneLookups => ({ mx: 'secure', address: 'secure', tlsa: { status: 'secure', records }, ...over });

  it('MX lookup bogus or indeterminate: defer the whole domain (dnssec-invalid)', () => {
    for (const status of ['bogus', 'indeterminate'] as const) {
      expect(daneRequirement(host, lookups({ mx: status }))).toMatchObject({ mode: 'lookup-failed', verdict: 'defer', rule: 'RFC 7672 §2.1.1', tlsrptResult: 'dnssec-invalid' });
    }
  });
  it('MX insecure: DANE does not apply, opportunistic TLS', () => {
    expect(daneRequirement(host, lookups({ mx: 'insecure' }))).toMatchObject({ mode: 'opportunistic', verdict: 'deliver', rule: 'RFC 7672 §2.2.1' });
  });
  it('address bogus: the host is unreachable; insecure address: no TLSA lookup', () => {
    expect(daneRequirement(host, lookups({ address: 'bogus' }))).toMatchObject({ verdict: 'try-next-mx', tlsrptResult: 'dnssec-invalid' });
    expect(daneRequirement(host, lookups({ address: 'insecure' }))).toMatchObject({ mode: 'opportunistic', rule: 'RFC 7672 §2.2.2' });
  });
  it('TLSA bogus or indeterminate: treat the host as unreachable (RFC 7672 §2.1.2)', () => {
    for (const status of ['bogus', 'indeterminate'] as const) {
      expect(daneRequirement(host, lookups({ tlsa: { status, records: [] } }))).toMatchObject({ verdict: 'try-next-mx', rule: 'RFC 7672 §2.1.2', tlsrptResult: 'dnssec-invalid' });
    }
  });
  it('TLSA insecure or securely absent: opportunistic; with mandatory DANE: dane-required', () => {
    expect(daneRequirement(host, lookups({ tlsa: { status: 'insecure', records } })).mode).toBe('opportunistic');
    expect(daneRequirement(host, lookups({ tlsa: { status: 'secure', records: [] } })).mode).toBe('opportunistic');
    expect(daneRequirement(host, lookups({ tlsa: { status: 'secure', records: [] } }), { mandatory: true })).toMatchObject({ verdict: 'try-next-mx', tlsrptResult: 'dane-required' });
  });

  it('secure usable TLSA: TLS mandatory and authenticated; SNI is the TLSA base domain', () => {
    const req = daneRequirement(host, lookups());
    expect(req).toMatchObject({ mode: 'authenticate', sni: 'mx.example.jp', referenceNames: ['mx.example.jp', 'example.jp'] });
    expect(daneVerdict(req, { tls: tls13, chain: [mx.der], now })).toMatchObject({ verdict: 'deliver' });
    expect(daneVerdict(req, { tls: { starttlsOffered: false }, now })).toMatchObject({ verdict: 'try-next-mx', rule: 'RFC 7672 §2.2.3', tlsrptResult: 'starttls-not-supported' });
    expect(daneVerdict(req, { tls: { starttlsOffered: true, handshake: { ok: false, error: 'reset' } }, now })).toMatchObject({ verdict: 'try-next-mx', tlsrptResult: 'validation-failure' });
  });

  it('secure usable TLSA and a fake certificate: not delivered (validation-failure)', async () => {
    const fake = await leaf(null, 'mx.example.jp');
    const d = daneVerdict(daneRequirement(host, lookups()), { tls: tls13, chain: [fake.der], now });
    expect(d).toMatchObject({ verdict: 'try-next-mx', tlsrptResult: 'validation-failure' });
  });

  it('secure, all records unusable: TLS mandatory without authentication (tlsa-invalid)', async () => {
    const unusable = [{ usage: 1, selector: 1, matchingType: 1, data: tlsaData(mx.cert, 1, 1) }];
    const req = daneRequirement(host, lookups({ tlsa: { status: 'secure', records: unusable } }));
    expect(req).toMatchObject({ mode: 'tls-required', verdict: 'deliver-report-failure', tlsrptResult: 'tlsa-invalid' });
    const fake = await leaf(null, 'anything.invalid');
    expect(daneVerdict(req, { tls: tls13, chain: [fake.der], now })).toMatchObject({ verdict: 'deliver-report-failure', tlsrptResult: 'tlsa-invalid' });
    expect(daneVerdict(req, { tls: { starttlsOffered: false }, now })).toMatchObject({ verdict: 'try-next-mx', rule: 'RFC 7672 §2.2.3' });
  });

  it('opportunistic: cleartext allowed when STARTTLS is missing', () => {
    const req = daneRequirement(host, lookups({ mx: 'insecure' }));
    const d = daneVerdict(req, { tls: { starttlsOffered: false }, now });
    expect(d.verdict).toBe('deliver');
    expect(d.reason).toMatch(/cleartext/);
  });

  it('a secure CNAME expansion becomes the TLSA base domain and SNI', () => {
    const req = daneRequirement({ ...host, tlsaBaseDomain: 'mx.provider.example' }, lookups());
    expect(req).toMatchObject({ sni: 'mx.provider.example', referenceNames: ['mx.provider.example', 'mx.example.jp', 'example.jp'] });
  });
});
