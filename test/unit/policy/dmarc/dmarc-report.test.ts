// The DMARC aggregate report's cores (RFC 7489 §7.1, §7.2, Appendix C): counting, the XML and its
// schema (xmllint, the libxml2 validator, as the oracle), the file name, rua= and the §7.1 check.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { MessageAuth } from '../../../../common/auth.ts';
import { DmarcAggregator } from '../../../../engine/policy/dmarc/aggregator.ts';
import { evaluationOf, policyPublished, type ReceivedMessage } from '../../../../engine/policy/dmarc/evaluation.ts';
import { buildDmarcReportMail, dmarcReportSubject } from '../../../../engine/policy/dmarc/report-mail.ts';
import { feedbackXml, gzipFeedback, reportFileName } from '../../../../engine/policy/dmarc/report-xml.ts';
import { externalVerdict, externalVerificationName, parseRuaUri } from '../../../../engine/policy/dmarc/rua.ts';

const SCHEMA = join(import.meta.dirname, 'rfc7489-appendix-c.xsd');
const XMLLINT = spawnSync('xmllint', ['--version']).status === 0;

/** What mx.example.jp's checks found, in the shape the receiver records. */
function checked(over: { spf: 'pass' | 'fail'; dkim?: 'pass' | 'fail' | null; action?: 'accept' | 'quarantine' | 'reject'; override?: 'local_policy' | null; from?: string; record?: string; mailFrom?: string; ip?: string; at?: number }): ReceivedMessage {
  const from = over.from ?? 'sender.example';
  const mailFrom = over.mailFrom ?? `alice@${from}`;
  const dkimPass = over.dkim === 'pass';
  const spfAligned = over.spf === 'pass' && mailFrom.endsWith(`@${from}`);
  const auth: MessageAuth = {
    authservId: 'mx.example.jp',
    spf: { result: over.spf, domain: mailFrom.split('@')[1], mailFrom, clientIp: over.ip ?? '198.51.100.25', comment: '' },
    dkim: over.dkim ? [{ result: over.dkim, domain: from, selector: 'mail1', b: 'abc', comment: '', aligned: true }] : [],
    dmarc: {
      result: dkimPass || spfAligned ? 'pass' : 'fail',
      fromDomain: from,
      policy: 'none',
      alignedSpf: spfAligned ? from : null,
      alignedDkim: dkimPass ? from : null,
      rua: ['mailto:dmarc-reports@example.jp'],
      comment: '',
      policyDomain: from,
      record: over.record ?? 'v=DMARC1; p=none; rua=mailto:dmarc-reports@example.jp',
    },
    arc: null,
    disposition: { action: over.action ?? 'accept', rule: 'RFC 7489 §6.6.2', reason: '', override: over.override ?? null },
    header: '',
  };
  return { auth, clientIp: over.ip ?? '198.51.100.25', mailFrom, helo: 'mail.sender.example', at: over.at ?? 1_000 };
}

describe('policy_published (RFC 7489 §6.3 defaults)', () => {
  it('reads the tags and fills in what the record leaves out', () => {
    expect(policyPublished('Sender.Example', 'v=DMARC1; p=quarantine; rua=mailto:x@example.jp')).toEqual({ domain: 'sender.example', adkim: 'r', aspf: 'r', p: 'quarantine', sp: 'quarantine', pct: 100, fo: '0' });
    expect(policyPublished('example.jp', 'v=DMARC1; p=reject; sp=none; adkim=s; aspf=s; pct=50; fo=1')).toEqual({ domain: 'example.jp', adkim: 's', aspf: 's', p: 'reject', sp: 'none', pct: 50, fo: '1' });
  });
});

describe('evaluationOf', () => {
  it('counts a message whose DMARC was evaluated against a record, with the action taken as disposition', () => {
    const e = evaluationOf(checked({ spf: 'fail', action: 'quarantine', mailFrom: 'bounce@attacker.example', ip: '203.0.113.66' }))!;
    expect(e.row).toMatchObject({ sourceIp: '203.0.113.66', disposition: 'quarantine', dkim: 'fail', spf: 'fail', headerFrom: 'sender.example', envelopeFrom: 'attacker.example' });
    expect(e.row.spfResults).toEqual([{ domain: 'attacker.example', scope: 'mfrom', result: 'fail' }]);
    expect(e.row.dkimResults).toEqual([]);
  });
  it('records the override when local policy did not apply the requested policy (§7.2 PolicyOverrideType)', () => {
    expect(evaluationOf(checked({ spf: 'fail', override: 'local_policy' }))!.row.reasons).toEqual([{ type: 'local_policy' }]);
  });
  it('counts nothing without a record or with a DNS error', () => {
    const none = checked({ spf: 'pass' });
    none.auth.dmarc = { ...none.auth.dmarc!, result: 'none', record: undefined };
    expect(evaluationOf(none)).toBeNull();
    const temp = checked({ spf: 'pass' });
    temp.auth.dmarc = { ...temp.auth.dmarc!, result: 'temperror' };
    expect(evaluationOf(temp)).toBeNull();
  });
});

describe('DmarcAggregator', () => {
  it('makes one row per source, identifiers, results and disposition, counted, per policy domain', () => {
    const agg = new DmarcAggregator();
    for (let i = 0; i < 3; i++) agg.record(evaluationOf(checked({ spf: 'pass', dkim: 'pass', at: 10 + i }))!);
    agg.record(evaluationOf(checked({ spf: 'fail', mailFrom: 'alice@sender.example', ip: '203.0.113.66', at: 20 }))!);
    agg.record(evaluationOf(checked({ spf: 'fail', mailFrom: 'alice@sender.example', ip: '203.0.113.66', at: 21 }))!);
    agg.record(evaluationOf(checked({ spf: 'pass', dkim: 'pass', from: 'example.jp', record: 'v=DMARC1; p=reject; rua=mailto:dmarc@example.jp', at: 22 }))!);
    expect(agg.domains()).toEqual(['example.jp', 'sender.example']);
    const sender = agg.aggregate('sender.example')!;
    expect(sender.messages).toBe(5);
    expect(sender.rows.map((r) => [r.sourceIp, r.count, r.dkim, r.spf, r.disposition])).toEqual([
      ['198.51.100.25', 3, 'pass', 'pass', 'none'],
      ['203.0.113.66', 2, 'fail', 'fail', 'none'],
    ]);
    // A window: only what fell in [start, end).
    expect(agg.aggregate('sender.example', 20, 21)!.rows.map((r) => r.count)).toEqual([1]);
    agg.dropBefore(21);
    expect(agg.aggregate('sender.example')!.messages).toBe(1);
    expect(agg.aggregate('nobody.example')).toBeNull();
  });
});

function sampleReport() {
  const agg = new DmarcAggregator();
  agg.record(evaluationOf(checked({ spf: 'pass', dkim: 'pass' }))!);
  agg.record(evaluationOf(checked({ spf: 'fail', override: 'local_policy', mailFrom: 'bounce@attacker.example', ip: '203.0.113.66' }))!);
  const aggregate = agg.aggregate('sender.example')!;
  const xml = feedbackXml({ orgName: 'example.jp <lab> & "co"', email: 'dmarc-noreply@example.jp', reportId: '20260101.1.sender.example', begin: 1767225600, end: 1767229199 }, aggregate);
  return { aggregate, xml };
}

describe('feedbackXml (RFC 7489 Appendix C)', () => {
  it('writes the metadata, the policy and one record per row, escaped', () => {
    const { xml } = sampleReport();
    expect(xml).toContain('<org_name>example.jp &lt;lab&gt; &amp; &quot;co&quot;</org_name>');
    expect(xml).toMatch(/<policy_published>\s*<domain>sender\.example<\/domain>\s*<adkim>r<\/adkim>\s*<aspf>r<\/aspf>\s*<p>none<\/p>\s*<sp>none<\/sp>\s*<pct>100<\/pct>\s*<fo>0<\/fo>/);
    expect(xml).toMatch(/<source_ip>203\.0\.113\.66<\/source_ip>\s*<count>1<\/count>\s*<policy_evaluated>\s*<disposition>none<\/disposition>\s*<dkim>fail<\/dkim>\s*<spf>fail<\/spf>\s*<reason>\s*<type>local_policy<\/type>/);
    expect(xml).toMatch(/<dkim>\s*<domain>sender\.example<\/domain>\s*<selector>mail1<\/selector>\s*<result>pass<\/result>\s*<\/dkim>/);
    expect(xml.match(/<record>/g)).toHaveLength(2);
    expect(gunzipSync(gzipFeedback(xml)).toString('utf8')).toBe(xml);
  });

  it.skipIf(!XMLLINT)('validates against the RFC 7489 Appendix C schema with xmllint (Debian libxml2-utils)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dmarc-xsd-'));
    const good = join(dir, 'report.xml');
    writeFileSync(good, sampleReport().xml);
    const ok = spawnSync('xmllint', ['--noout', '--schema', SCHEMA, good], { encoding: 'utf8' });
    expect(ok.stderr).toContain('validates');
    expect(ok.status).toBe(0);
    // The oracle can say no: a disposition outside the schema's enumeration is refused.
    const bad = join(dir, 'bad.xml');
    writeFileSync(bad, sampleReport().xml.replace('<disposition>none</disposition>', '<disposition>junk</disposition>'));
    const refused = spawnSync('xmllint', ['--noout', '--schema', SCHEMA, bad], { encoding: 'utf8' });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/disposition/);
  });

  it('refuses a report without records (the schema wants at least one)', () => {
    const { aggregate } = sampleReport();
    expect(() => feedbackXml({ orgName: 'x', email: 'x@example.jp', reportId: '1', begin: 0, end: 1 }, { ...aggregate, rows: [] })).toThrow(/at least one record/);
  });
});

describe('report naming and mail (RFC 7489 §7.2.1.1)', () => {
  it('names the file receiver!policy-domain!begin!end[!unique-id].xml.gz', () => {
    expect(reportFileName({ receiver: 'Example.JP', policyDomain: 'sender.example.', begin: 1767225600, end: 1767229199, gzip: true })).toBe('example.jp!sender.example!1767225600!1767229199.xml.gz');
    expect(reportFileName({ receiver: 'example.jp', policyDomain: 'sender.example', begin: 1, end: 2, uniqueId: 'r7', gzip: false })).toBe('example.jp!sender.example!1!2!r7.xml');
    expect(() => reportFileName({ receiver: 'example.jp', policyDomain: 'sender.example', begin: 1, end: 2, uniqueId: 'a.b', gzip: true })).toThrow(/letters and digits/);
  });

  it('mails the gzipped XML as application/gzip under the subject the RFC gives', () => {
    const { aggregate, xml } = sampleReport();
    const fileName = 'example.jp!sender.example!1767225600!1767229199.xml.gz';
    const mail = buildDmarcReportMail({ gzipped: gzipFeedback(xml), fileName, reportId: '20260101.1.sender.example', aggregate, submitter: 'example.jp', from: 'dmarc-noreply@example.jp', to: 'dmarc-reports@example.jp', date: Date.UTC(2026, 0, 1, 1), begin: 1767225600, end: 1767229199 });
    expect(dmarcReportSubject('sender.example', 'example.jp', '20260101.1.sender.example')).toBe('Report Domain: sender.example Submitter: example.jp Report-ID: <20260101.1.sender.example>');
    expect(mail).toContain('\r\nSubject: Report Domain: sender.example Submitter: example.jp Report-ID: <20260101.1.sender.example>\r\n');
    expect(mail).toContain('Content-Type: application/gzip;');
    expect(mail).toContain(`filename="${fileName}"`);
    const base64 = /Content-Disposition: attachment;\r\n\tfilename="[^"]+"\r\n\r\n([A-Za-z0-9+/=\r\n]+)--/.exec(mail)![1];
    expect(gunzipSync(Buffer.from(base64.replace(/\r\n/g, ''), 'base64')).toString('utf8')).toBe(xml);
    expect(mail.split('\r\n').every((line) => line.length <= 998)).toBe(true);
  });
});

describe('rua= and external destinations (RFC 7489 §6.2, §7.1)', () => {
  it('parses mailto: URIs with an optional size limit', () => {
    expect(parseRuaUri('mailto:dmarc-reports@Example.JP')).toEqual({ ok: true, destination: { uri: 'mailto:dmarc-reports@Example.JP', address: 'dmarc-reports@Example.JP', domain: 'example.jp' } });
    expect(parseRuaUri('mailto:rua@example.jp!10m')).toMatchObject({ ok: true, destination: { address: 'rua@example.jp', maxBytes: 10 * 2 ** 20 } });
    expect(parseRuaUri('https://example.jp/rua')).toEqual({ ok: false, uri: 'https://example.jp/rua', why: 'not-mailto' });
    expect(parseRuaUri('mailto:nobody')).toMatchObject({ ok: false, why: 'no-address' });
  });

  it('asks <policy-domain>._report._dmarc.<destination> and accepts only records starting v=DMARC1', () => {
    const destination = (parseRuaUri('mailto:dmarc-reports@example.jp') as { ok: true; destination: never }).destination;
    expect(externalVerificationName('Sender.Example', 'example.jp')).toBe('sender.example._report._dmarc.example.jp');
    expect(externalVerdict(['v=DMARC1'], destination)).toEqual({ authorized: true, rule: 'RFC 7489 §7.1', record: 'v=DMARC1' });
    expect(externalVerdict([], destination)).toMatchObject({ authorized: false });
    expect(externalVerdict(['v=spf1 -all', 'DMARC1'], destination)).toMatchObject({ authorized: false });
    // A rua= there replaces the destination, but only with the same host (§7.1 step 8).
    expect(externalVerdict(['v=DMARC1; rua=mailto:other@example.jp,mailto:evil@attacker.example'], destination)).toMatchObject({ authorized: true, replacement: [{ address: 'other@example.jp' }] });
  });
});

// xmllint is the oracle above; make its absence visible rather than silent.
describe.skipIf(XMLLINT)('xmllint', () => {
  it.skip('is not installed: apt-get install libxml2-utils to validate reports against the schema', () => {
    execFileSync('xmllint', ['--version']);
  });
});
