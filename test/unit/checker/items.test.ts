// The checker's verdicts from scripted facts: what a probe saw goes in, an item with its evidence,
// its fix and its lab comes out. No sockets.
import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckerFacts, DnsFact, MxFacts } from '../../../engine/checker/facts.ts';
import { checkerReport, score } from '../../../engine/checker/report.ts';
import { createRootCa, issueServerLeaf } from '../../../engine/pki/issue.ts';
import { tlsaData } from '../../../engine/policy/dane/tlsa-data.ts';
import { renderText } from '../../../common/i18n/text.ts';
import { japaneseProblems } from '../../support/english-sentences.ts';

const NOW = Date.now();
let leafDer: Uint8Array;
let expiredDer: Uint8Array;
let spkiHash: Buffer;

beforeAll(async () => {
  const ca = await createRootCa();
  const leaf = await issueServerLeaf(ca, 'mx.example.jp');
  const expired = await issueServerLeaf(ca, 'mx.example.jp', { notBefore: new Date(NOW - 2 * 86400_000), notAfter: new Date(NOW - 86400_000) });
  leafDer = new X509Certificate(leaf.certPem).raw;
  expiredDer = new X509Certificate(expired.certPem).raw;
  spkiHash = tlsaData(new X509Certificate(leaf.certPem), 1, 1);
});

const dns = (name: string, type: string, records: string[], status: DnsFact['status'] = 'secure'): DnsFact => ({ name, type, status, rcode: 'NOERROR', records, reason: 'scripted', zone: 'example.jp' });

function host(over: Partial<MxFacts> = {}): MxFacts {
  return {
    host: 'mx.example.jp',
    preference: 10,
    address: dns('mx.example.jp', 'A', ['192.0.2.25']),
    ip: '192.0.2.25',
    starttlsOffered: true,
    ehlo: ['PIPELINING', 'STARTTLS'],
    handshake: { ok: true, version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', authorized: true },
    presentedChain: [leafDer],
    versions: [
      { version: 'TLSv1', accepted: false, error: 'protocol version' },
      { version: 'TLSv1.1', accepted: false, error: 'protocol version' },
      { version: 'TLSv1.2', accepted: true, cipher: 'ECDHE-ECDSA-AES256-GCM-SHA384' },
      { version: 'TLSv1.3', accepted: true, cipher: 'TLS_AES_256_GCM_SHA384' },
    ],
    ciphers: [
      { version: 'TLSv1.2', cipher: 'ECDHE-ECDSA-AES256-GCM-SHA384' },
      { version: 'TLSv1.2', cipher: 'ECDHE-ECDSA-AES128-SHA' },
      { version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' },
    ],
    tlsa: { ...dns('_25._tcp.mx.example.jp', 'TLSA', [`3 1 1 ${spkiHash.toString('hex')}`]), parsed: [{ usage: 3, selector: 1, matchingType: 1, data: spkiHash }] },
    ...over,
  };
}

function facts(over: Partial<CheckerFacts> = {}, hostOver: Partial<MxFacts> = {}): CheckerFacts {
  return {
    domain: 'example.jp',
    now: NOW,
    mx: dns('example.jp', 'MX', ['10 mx.example.jp.']),
    plan: { ok: true, hosts: [{ host: 'mx.example.jp', preference: 10 }], implicit: false, rule: 'RFC 5321 §5.1', reason: 'scripted' },
    hosts: [host(hostOver)],
    mtaSts: {
      txt: dns('_mta-sts.example.jp', 'TXT', ['"v=STSv1; id=1"']),
      texts: [['v=STSv1; id=1']],
      fetch: {
        ok: true,
        rule: 'RFC 8461 §3.3',
        reason: 'scripted',
        policyHost: 'mta-sts.example.jp',
        policy: { version: 'STSv1', mode: 'enforce', maxAge: 1209600, mx: ['mx.example.jp'], extensions: {}, lines: ['version: STSv1', 'mode: enforce', 'mx: mx.example.jp', 'max_age: 1209600'], notes: [] },
      },
    },
    tlsRpt: { txt: dns('_smtp._tls.example.jp', 'TXT', ['"v=TLSRPTv1; rua=mailto:tlsrpt@example.jp"']), texts: [['v=TLSRPTv1; rua=mailto:tlsrpt@example.jp']] },
    senderAuth: {
      spf: { txt: dns('example.jp', 'TXT', ['"v=spf1 mx -all"']), records: ['v=spf1 mx -all'], unlisted: { result: 'fail', comment: 'checker.example: domain of postmaster@example.jp does not designate 203.0.113.250 as permitted sender' } },
      domainkey: dns('_domainkey.example.jp', 'TXT', []),
      dmarc: { txt: dns('_dmarc.example.jp', 'TXT', ['"v=DMARC1; p=reject; rua=mailto:dmarc@example.jp"']), records: ['v=DMARC1; p=reject; rua=mailto:dmarc@example.jp'] },
      bimi: { txt: dns('default._bimi.example.jp', 'TXT', []), records: [] },
    },
    ...over,
  };
}

const run = (f: CheckerFacts) => checkerReport(f, { startedAt: NOW, durationMs: 1 });
const itemOf = (f: CheckerFacts, id: string) => run(f).items.find((i) => i.id === id)!;

describe('checker verdicts', () => {
  it('a well-run domain passes every item and scores 100', () => {
    const report = run(facts());
    expect(report.items.map((i) => [i.id, i.pass])).toEqual([
      ['starttls', true],
      ['tls-version', true],
      ['ciphers', true],
      ['certificate', true],
      ['dnssec', true],
      ['dane', true],
      ['mta-sts', true],
      ['tls-rpt', true],
      ['spf', true],
      ['dkim', true],
      ['dmarc', true],
      ['arc', true],
      ['bimi', true],
    ]);
    expect(report.score).toBe(100);
    expect(report.items.every((i) => i.fix === undefined)).toBe(true);
    expect(itemOf(facts(), 'dane').notes.join(' ')).toMatch(/no rollover scheme/);
  });

  it('speaks Japanese: every detail, evidence line and note of passing and failing items', () => {
    const failing = facts(
      { mtaSts: { txt: dns('_mta-sts.example.jp', 'TXT', []), texts: [] }, tlsRpt: { txt: dns('_smtp._tls.example.jp', 'TXT', []), texts: [] } },
      { ciphers: [{ version: 'TLSv1.2', cipher: 'AES128-SHA' }], presentedChain: [expiredDer], versions: [{ version: 'TLSv1', accepted: true }, { version: 'TLSv1.2', accepted: true }] as MxFacts['versions'] },
    );
    for (const report of [run(facts()), run(failing)]) {
      const texts = report.items.flatMap((i) => [i.detailText!, ...i.evidenceText!, ...i.notesText!].map((line) => renderText('ja', line)));
      expect(texts.flatMap(japaneseProblems)).toEqual([]);
      // Line for line the same as the English strings the JSON keeps.
      expect(report.items.flatMap((i) => i.evidenceText!.map((line) => renderText('en', line)))).toEqual(report.items.flatMap((i) => i.evidence));
    }
    const ciphers = run(failing).items.find((i) => i.id === 'ciphers')!;
    expect(renderText('ja', ciphers.detailText!)).toBe('「段階的廃止」か「不十分」の暗号スイートを 1 個受け付けている：AES128-SHA（段階的廃止）');
  });

  it('the score is the share of passing items', () => {
    expect(score([{ pass: true }, { pass: false }, { pass: false }, { pass: true }] as never)).toBe(50);
  });

  it('no STARTTLS in the EHLO reply fails starttls and leaves TLS untested', () => {
    const f = facts({}, { starttlsOffered: false, ehlo: ['PIPELINING'], handshake: undefined, presentedChain: [], versions: [], ciphers: [] });
    const starttls = itemOf(f, 'starttls');
    expect(starttls.pass).toBe(false);
    expect(starttls.evidence[0]).toMatch(/no STARTTLS in the EHLO reply/);
    expect(starttls.fix?.lines).toContain('smtpd_tls_security_level = may');
    expect(starttls.lab).toBe('03-starttls');
    expect(itemOf(f, 'tls-version').pass).toBe(false);
    expect(itemOf(f, 'dane').pass).toBe(false);
  });

  it('TLS 1.0 accepted fails tls-version with the main.cf words', () => {
    const f = facts({}, { versions: [{ version: 'TLSv1', accepted: true, cipher: 'ECDHE-ECDSA-AES128-SHA' }, { version: 'TLSv1.2', accepted: true }, { version: 'TLSv1.3', accepted: true }] as MxFacts['versions'] });
    const item = itemOf(f, 'tls-version');
    expect(item.pass).toBe(false);
    expect(item.detail).toMatch(/TLS 1\.0/);
    expect(item.fix?.lines).toEqual(['smtpd_tls_protocols = >=TLSv1.2', 'smtpd_tls_mandatory_protocols = >=TLSv1.2']);
    expect(item.lab).toBe('05-tls-downgrade');
  });

  it('a phase-out or insufficient suite fails ciphers and names the OpenSSL words to exclude', () => {
    const f = facts({}, { ciphers: [{ version: 'TLSv1.2', cipher: 'ECDHE-ECDSA-AES256-GCM-SHA384' }, { version: 'TLSv1.2', cipher: 'ECDHE-ECDSA-ARIA256-GCM-SHA384' }, { version: 'TLSv1.2', cipher: 'AES128-SHA' }] });
    const item = itemOf(f, 'ciphers');
    expect(item.pass).toBe(false);
    expect(item.detail).toMatch(/ECDHE-ECDSA-ARIA256-GCM-SHA384 \(phase-out\)/);
    expect(item.fix?.lines).toContain('smtpd_tls_exclude_ciphers = aNULL, eNULL, ARIA, kRSA');
  });

  it('an expired certificate fails certificate with its dates', () => {
    const item = itemOf(facts({}, { presentedChain: [expiredDer], handshake: { ok: true, version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', authorized: false, authorizationError: 'CERT_HAS_EXPIRED' } }), 'certificate');
    expect(item.pass).toBe(false);
    expect(item.detail).toBe('mx.example.jp: expired');
    expect(item.evidence.join('\n')).toMatch(/EXPIRED/);
  });

  it('an untrusted chain fails certificate', () => {
    const item = itemOf(facts({}, { handshake: { ok: true, version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', authorized: false, authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT' } }), 'certificate');
    expect(item.detail).toBe('mx.example.jp: not trusted');
  });

  it('an insecure MX RRset fails dnssec and dane', () => {
    const f = facts({ mx: dns('example.jp', 'MX', ['10 mx.example.jp.'], 'insecure') }, { address: dns('mx.example.jp', 'A', ['192.0.2.25'], 'insecure') });
    const dnssec = itemOf(f, 'dnssec');
    expect(dnssec.pass).toBe(false);
    expect(dnssec.fix?.en).toMatch(/Sign example\.jp/);
    const dane = itemOf(f, 'dane');
    expect(dane.pass).toBe(false);
    expect(dane.fix?.en).toMatch(/DANE needs DNSSEC first/);
  });

  it('a TLSA record that matches nothing fails dane and the fix carries the right record', () => {
    const wrong = Buffer.alloc(32, 0xab);
    const item = itemOf(facts({}, { tlsa: { ...dns('_25._tcp.mx.example.jp', 'TLSA', [`3 1 1 ${wrong.toString('hex')}`]), parsed: [{ usage: 3, selector: 1, matchingType: 1, data: wrong }] } }), 'dane');
    expect(item.pass).toBe(false);
    expect(item.evidence[0]).toMatch(/does NOT match/);
    expect(item.fix?.lines).toEqual([`_25._tcp.mx.example.jp. IN TLSA 3 1 1 ${spkiHash.toString('hex')}`]);
  });

  it('two DANE-EE records are a rollover scheme', () => {
    const next = Buffer.alloc(32, 0x01);
    const item = itemOf(facts({}, { tlsa: { ...dns('_25._tcp.mx.example.jp', 'TLSA', []), parsed: [{ usage: 3, selector: 1, matchingType: 1, data: spkiHash }, { usage: 3, selector: 1, matchingType: 1, data: next }] } }), 'dane');
    expect(item.pass).toBe(true);
    expect(item.notes[0]).toMatch(/rollover scheme present/);
  });

  it('MTA-STS in testing mode, or an MX no pattern matches, does not pass', () => {
    const base = facts();
    const fetch = base.mtaSts.fetch as Extract<NonNullable<CheckerFacts['mtaSts']['fetch']>, { ok: true }>;
    const testing = facts({ mtaSts: { ...base.mtaSts, fetch: { ...fetch, policy: { ...fetch.policy, mode: 'testing' } } } });
    expect(itemOf(testing, 'mta-sts').detail).toMatch(/mode is testing/);
    const other = facts({ mtaSts: { ...base.mtaSts, fetch: { ...fetch, policy: { ...fetch.policy, mx: ['mail.example.jp'] } } } });
    expect(itemOf(other, 'mta-sts').detail).toMatch(/no mx pattern matches mx\.example\.jp/);
    const none = facts({ mtaSts: { txt: dns('_mta-sts.example.jp', 'TXT', []), texts: [] } });
    expect(itemOf(none, 'mta-sts').fix?.lines[0]).toMatch(/^_mta-sts\.example\.jp\. IN TXT "v=STSv1; id=\d{14}"$/);
  });

  it('no TLS-RPT record fails tls-rpt with the record to publish', () => {
    const item = itemOf(facts({ tlsRpt: { txt: dns('_smtp._tls.example.jp', 'TXT', []), texts: [] } }), 'tls-rpt');
    expect(item.pass).toBe(false);
    expect(item.detail).toMatch(/no TXT record begins with "v=TLSRPTv1;"/);
    expect(item.fix?.lines).toEqual(['_smtp._tls.example.jp. IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.jp"']);
  });

  it('a bogus MX lookup leaves no host to test: the SMTP items fail with that reason', () => {
    const f = facts({ mx: dns('example.jp', 'MX', [], 'bogus'), plan: { ok: false, outcome: 'deferred', status: '4.4.3', rule: 'RFC 4035 §5.5', reason: 'the MX lookup for example.jp failed DNSSEC validation' }, hosts: [] });
    const report = run(f);
    for (const id of ['starttls', 'tls-version', 'ciphers', 'certificate', 'dane']) expect(report.items.find((i) => i.id === id)!.detail).toMatch(/failed DNSSEC validation/);
    expect(report.items.find((i) => i.id === 'dnssec')!.pass).toBe(false);
  });
});
