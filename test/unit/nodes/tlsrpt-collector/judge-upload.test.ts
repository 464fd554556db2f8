// The collector's answers as values (RFC 8460 §5.3, §4.4): head first, then the body.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { english, renderText, type Text } from '../../../../common/i18n/text.ts';
import { judgeBody, judgeHead, missingReportField } from '../../../../engine/nodes/tlsrpt-collector/judge-upload.ts';

const PATH = '/v1/report';
const CAP = 64 * 1024;
const REPORT = {
  'organization-name': 'Sender Lab',
  'date-range': { 'start-datetime': '2026-11-22T00:00:00Z', 'end-datetime': '2026-11-22T23:59:59Z' },
  'contact-info': 'tlsrpt@sender.example',
  'report-id': 'r1',
  policies: [],
};
const head = (over: Partial<Parameters<typeof judgeHead>[0]> = {}) =>
  judgeHead({ method: 'POST', path: PATH, contentType: 'application/tlsrpt+gzip', contentLength: 100, ...over }, PATH, CAP);

describe('judgeHead', () => {
  it('takes a POST of either TLS-RPT media type to the report path, parameters and case aside', () => {
    expect(head()).toEqual({ ok: true, mediaType: 'application/tlsrpt+gzip' });
    expect(head({ contentType: 'Application/TLSRPT+JSON; charset=utf-8' })).toEqual({ ok: true, mediaType: 'application/tlsrpt+json' });
    expect(head({ contentLength: undefined })).toMatchObject({ ok: true });
  });

  it('refuses, in order: another path 404, another method 405, another media type 415, too long 413', () => {
    expect(head({ path: '/', method: 'GET' })).toMatchObject({ ok: false, status: 404 });
    expect(head({ method: 'GET' })).toMatchObject({ ok: false, status: 405, rule: 'RFC 8460 §5.3' });
    expect(head({ method: 'PUT', contentType: 'text/plain' })).toMatchObject({ ok: false, status: 405 });
    expect(head({ contentType: 'application/json' })).toMatchObject({ ok: false, status: 415, reason: expect.stringContaining('"application/json"') });
    expect(head({ contentType: 'application/gzip' })).toMatchObject({ ok: false, status: 415 });
    expect(head({ contentType: undefined })).toMatchObject({ ok: false, status: 415, reason: expect.stringContaining('"none"') });
    expect(head({ contentLength: CAP + 1 })).toMatchObject({ ok: false, status: 413, reason: expect.stringContaining(`${CAP} bytes`) });
    expect(head({ contentLength: CAP })).toMatchObject({ ok: true });
  });
});

describe('judgeBody', () => {
  const gz = (value: unknown) => gzipSync(Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)));

  it('stores a gzipped report and a plain JSON one', () => {
    expect(judgeBody('application/tlsrpt+gzip', gz(REPORT), CAP)).toEqual({
      ok: true,
      status: 201,
      reason: 'report r1 stored',
      reasonText: { key: 'rptCollect.stored', params: { id: 'r1' } },
      rule: 'RFC 8460 §5.3',
      mediaType: 'application/tlsrpt+gzip',
      report: REPORT,
    });
    expect(judgeBody('application/tlsrpt+json', Buffer.from(JSON.stringify(REPORT)), CAP)).toMatchObject({ ok: true, report: REPORT });
  });

  it('answers 400 with the reason for what does not decode', () => {
    expect(judgeBody('application/tlsrpt+gzip', Buffer.from(JSON.stringify(REPORT)), CAP)).toMatchObject({ status: 400, reason: expect.stringMatching(/^the body is not gzip/) });
    expect(judgeBody('application/tlsrpt+gzip', gz(REPORT).subarray(0, 20), CAP)).toMatchObject({ status: 400 });
    expect(judgeBody('application/tlsrpt+gzip', gz('{"organization-name": '), CAP)).toMatchObject({ status: 400, reason: expect.stringMatching(/^the report is not JSON/) });
    expect(judgeBody('application/tlsrpt+json', Buffer.from([0x7b, 0xff, 0x7d]), CAP)).toMatchObject({ status: 400, reason: 'the report is not UTF-8' });
    expect(judgeBody('application/tlsrpt+json', Buffer.from('[]'), CAP)).toMatchObject({ status: 400, reason: 'the report is not a JSON object' });
  });

  it('names the first required field that is missing or of the wrong type (RFC 8460 §4.4)', () => {
    const without = (field: string) => Object.fromEntries(Object.entries(REPORT).filter(([k]) => k !== field));
    expect(judgeBody('application/tlsrpt+gzip', gz(without('report-id')), CAP)).toMatchObject({ status: 400, reason: 'the report lacks "report-id" (a string)', rule: 'RFC 8460 §4.4' });
    const missing = (report: Record<string, unknown>) => english(missingReportField(report) as Text);
    expect(missing(without('organization-name'))).toBe('"organization-name" (a string)');
    expect(missing(without('contact-info'))).toBe('"contact-info" (a string)');
    expect(missing(without('date-range'))).toBe('"date-range" (an object)');
    expect(missing({ ...REPORT, 'date-range': { 'start-datetime': 'x' } })).toBe('"date-range"."end-datetime" (a string)');
    expect(missing({ ...REPORT, policies: { policy: {} } })).toBe('"policies" (an array)');
    expect(missing({ ...REPORT, 'report-id': 7 })).toBe('"report-id" (a string)');
    expect(missingReportField(REPORT)).toBeNull();
  });

  it('gives every answer in Japanese too, the JSON member names and media types as they are', () => {
    const ja = (result: { reasonText: Text }) => renderText('ja', result.reasonText);
    const refused = (result: ReturnType<typeof head>) => (result.ok ? null : ja(result));
    expect(refused(head({ path: '/x' }))).toBe('/x にはレポートの受け口がない。レポートの送り先は /v1/report');
    expect(refused(head({ method: 'GET' }))).toBe('レポートは GET では受け取らない：/v1/report に POST する');
    expect(refused(head({ contentType: undefined }))).toBe('メディアタイプ「なし」は application/tlsrpt+gzip でも application/tlsrpt+json でもない');
    expect(refused(head({ contentLength: CAP + 1 }))).toBe(`本文が ${CAP + 1} バイトある。この受信側が受け取るのは最大 ${CAP} バイト`);
    const without = Object.fromEntries(Object.entries(REPORT).filter(([k]) => k !== 'date-range'));
    expect(ja(judgeBody('application/tlsrpt+json', Buffer.from(JSON.stringify(without)), CAP))).toBe('レポートに "date-range"（オブジェクト）がない');
    expect(ja(judgeBody('application/tlsrpt+json', Buffer.from('[]'), CAP))).toBe('レポートが JSON のオブジェクトではない');
    expect(ja(judgeBody('application/tlsrpt+gzip', gz(REPORT), CAP))).toBe('レポート r1 を保存した');
  });

  it('stops inflating at the cap: 413 for a small gzip of a large report', () => {
    const big = { ...REPORT, padding: 'a'.repeat(CAP) };
    const body = gz(big);
    expect(body.length).toBeLessThan(CAP / 10);
    expect(judgeBody('application/tlsrpt+gzip', body, CAP)).toMatchObject({ ok: false, status: 413 });
  });
});
