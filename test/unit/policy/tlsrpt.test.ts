// RFC 8460: the _smtp._tls record, counting sessions, the JSON report, its file name, gzip and mail.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TLSRPT_RESULT_TYPES } from '../../../engine/policy/decision.ts';
import { parseStsPolicy } from '../../../engine/policy/mta-sts/policy-file.ts';
import { mtaStsVerdict } from '../../../engine/policy/mta-sts/verdict.ts';
import { TlsRptAggregator, noPolicyFound, outcomeOf, stsPolicy, tlsaPolicy } from '../../../engine/policy/tlsrpt/aggregator.ts';
import { buildReportMail } from '../../../engine/policy/tlsrpt/mail.ts';
import { buildReport, gzipReport, reportFileName, utcDay } from '../../../engine/policy/tlsrpt/report.ts';
import { parseTlsRptRecord, selectTlsRptRecord } from '../../../engine/policy/tlsrpt/txt-record.ts';

const DAY = Date.UTC(2026, 10, 22);
const hosts = { sendingMtaIp: '192.0.2.10', receivingMxHostname: 'mx.example.jp', receivingIp: '203.0.113.25' };

describe('TLS-RPT record (RFC 8460 §3)', () => {
  it('parses rua lists of mailto and https URIs', () => {
    const r = parseTlsRptRecord('v=TLSRPTv1; rua=mailto:tlsrpt@example.jp , https://reports.example.jp/v1');
    expect(r).toMatchObject({ ok: true, rua: [{ scheme: 'mailto', address: 'tlsrpt@example.jp' }, { scheme: 'https', url: 'https://reports.example.jp/v1' }] });
  });
  it('requires rua, the version first, and known URI schemes', () => {
    expect(parseTlsRptRecord('v=TLSRPTv1; foo=bar')).toMatchObject({ ok: false, production: 'tlsrpt-rua' });
    expect(parseTlsRptRecord('rua=mailto:a@b; v=TLSRPTv1').ok).toBe(false);
    expect(parseTlsRptRecord('v=TLSRPTv1; rua=ftp://example.jp/').ok).toBe(false);
    expect(parseTlsRptRecord('v=TLSRPTv1; rua=mailto:a@example.jp!10m').ok).toBe(false);
  });
  it('keeps exactly one v=TLSRPTv1; record', () => {
    expect(selectTlsRptRecord(['v=spf1 -all', ['v=TLSRPTv1; rua=mai', 'lto:r@example.jp']])).toMatchObject({ ok: true });
    expect(selectTlsRptRecord(['v=TLSRPTv1; rua=mailto:a@example.jp', 'v=TLSRPTv1; rua=mailto:b@example.jp'])).toMatchObject({ ok: false, kind: 'several-records' });
    expect(selectTlsRptRecord([])).toMatchObject({ ok: false, kind: 'no-record' });
  });
});

describe('aggregating sessions and building the report (RFC 8460 §4)', () => {
  const parsed = parseStsPolicy('version: STSv1\nmode: enforce\nmx: mx.example.jp\nmax_age: 86400\n');
  if (!parsed.ok) throw new Error('fixture');
  const sts = stsPolicy('example.jp', parsed.policy);

  it('counts a decision as success or failure with its result type', () => {
    const agg = new TlsRptAggregator();
    const base = { policy: parsed.policy, policyDomain: 'example.jp', mxHost: 'mx.example.jp', pkix: 'valid' as const, certNames: ['mx.example.jp'] };
    const good = mtaStsVerdict({ ...base, tls: { starttlsOffered: true, handshake: { ok: true, version: 'TLSv1.3' } } });
    const stripped = mtaStsVerdict({ ...base, tls: { starttlsOffered: false } });
    agg.record(outcomeOf(good, sts, hosts, DAY + 1000));
    agg.record(outcomeOf(good, sts, hosts, DAY + 2000));
    agg.record(outcomeOf(stripped, sts, hosts, DAY + 3000));
    agg.record(outcomeOf(stripped, sts, hosts, DAY + 4000));
    const [a] = agg.aggregates('example.jp');
    expect(a).toMatchObject({ successes: 2, failures: 2 });
    expect(a.details).toHaveLength(1);
    expect(a.details[0]).toMatchObject({ count: 2, detail: { resultType: 'starttls-not-supported', ...hosts } });
  });

  it('builds the §4.4 JSON shape, one policies entry per applied policy, every result type present', () => {
    const agg = new TlsRptAggregator();
    const tlsa = tlsaPolicy('example.jp', 'mx.example.jp', [{ usage: 3, selector: 1, matchingType: 1, data: Buffer.alloc(32, 0xab) }]);
    TLSRPT_RESULT_TYPES.forEach((resultType, i) => {
      const policy = resultType.startsWith('sts-') ? sts : resultType.startsWith('starttls') ? noPolicyFound('example.jp') : tlsa;
      agg.record({ policy, at: DAY + i, failure: { resultType, ...hosts, failureReasonCode: `reason ${i}` } });
    });
    agg.record({ policy: tlsa, at: DAY + 100 });
    agg.record({ policy: { ...tlsa, domain: 'other.example' }, at: DAY + 100 });
    const range = utcDay(DAY + 5000);
    const report = buildReport(
      { organizationName: 'Sender Lab', contactInfo: 'tlsrpt@sender.example', reportId: '2026-11-22-example.jp', ...range },
      agg.aggregates('example.jp', range.start, range.end + 1000),
    );
    expect(Object.keys(report)).toEqual(['organization-name', 'date-range', 'contact-info', 'report-id', 'policies']);
    expect(report['date-range']).toEqual({ 'start-datetime': '2026-11-22T00:00:00Z', 'end-datetime': '2026-11-22T23:59:59Z' });
    expect(Array.isArray(report.policies)).toBe(true);
    expect(report.policies.map((p) => p.policy['policy-type']).sort()).toEqual(['no-policy-found', 'sts', 'tlsa']);
    const types = report.policies.flatMap((p) => p['failure-details'] ?? []).map((d) => d['result-type']);
    expect(types.sort()).toEqual([...TLSRPT_RESULT_TYPES].sort());
    const tlsaEntry = report.policies.find((p) => p.policy['policy-type'] === 'tlsa')!;
    expect(tlsaEntry.policy).toEqual({ 'policy-type': 'tlsa', 'policy-string': [`3 1 1 ${'ab'.repeat(32)}`], 'policy-domain': 'example.jp', 'mx-host': ['mx.example.jp'] });
    expect(tlsaEntry.summary).toEqual({ 'total-successful-session-count': 1, 'total-failure-session-count': 7 });
    expect(Object.keys(tlsaEntry['failure-details']![0])).toEqual(['result-type', 'sending-mta-ip', 'receiving-mx-hostname', 'receiving-ip', 'failed-session-count', 'failure-reason-code']);
    const stsEntry = report.policies.find((p) => p.policy['policy-type'] === 'sts')!;
    expect(stsEntry.policy['policy-string']).toEqual(['version: STSv1', 'mode: enforce', 'mx: mx.example.jp', 'max_age: 86400']);
    expect(stsEntry.policy['mx-host']).toEqual(['mx.example.jp']);
    expect(JSON.parse(gunzipSync(gzipReport(report)).toString('utf8'))).toEqual(report);
  });

  it('names the file sender!policy-domain!begin!end[!unique-id].json[.gz] (RFC 8460 §5.1)', () => {
    const { start, end } = utcDay(DAY);
    expect(reportFileName({ submitter: 'mail.sender.example', policyDomain: 'Example.JP.', start, end, gzip: true })).toBe(`mail.sender.example!example.jp!${start / 1000}!${(end / 1000) | 0}.json.gz`);
    expect(reportFileName({ submitter: 'mail.sender.example', policyDomain: 'example.jp', start, end, uniqueId: '001', gzip: false })).toMatch(/!001\.json$/);
  });

  it('builds the report mail: multipart/report; report-type="tlsrpt" with the required headers and a gzip part', () => {
    const { start, end } = utcDay(DAY);
    const report = buildReport({ organizationName: 'Sender Lab', contactInfo: 'tlsrpt@sender.example', reportId: 'r1', start, end }, []);
    const mail = buildReportMail({ report, submitter: 'mail.sender.example', policyDomain: 'example.jp', from: 'tlsrpt@sender.example', to: 'tlsrpt@example.jp', date: DAY + 3600_000 });
    const cut = mail.indexOf('\r\n\r\n');
    const head = mail.slice(0, cut);
    const body = mail.slice(cut + 4);
    expect(head).toMatch(/^TLS-Report-Domain: example\.jp$/m);
    expect(head).toMatch(/^TLS-Report-Submitter: mail\.sender\.example$/m);
    expect(head).toMatch(/^Subject: Report Domain: example\.jp Submitter: mail\.sender\.example Report-ID: <r1>$/m);
    expect(head).toMatch(/Content-Type: multipart\/report; report-type="tlsrpt";/);
    expect(head).toMatch(/^TLS-Required: No$/m);
    expect(head).toMatch(/^Date: Sun, 22 Nov 2026 01:00:00 \+0000$/m);
    expect(body).toMatch(/Content-Type: application\/tlsrpt\+gzip/);
    expect(body).toMatch(new RegExp(`filename="mail\\.sender\\.example!example\\.jp!${start / 1000}!`));
    const b64 = body.split('Content-Transfer-Encoding: base64')[1].split('\r\n\r\n')[1].split('--')[0].replace(/\r\n/g, '');
    expect(JSON.parse(gunzipSync(Buffer.from(b64, 'base64')).toString())).toEqual(report);
    expect(mail.split('\r\n').every((line) => line.length <= 998)).toBe(true);
    expect(mail.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });
});
