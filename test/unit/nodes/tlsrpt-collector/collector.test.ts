// The TLS-RPT collector as a node on 127.0.0.1: what it stores, what it refuses and why, and the
// trace rows it emits (RFC 8460 §5.3).
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText, type Text } from '../../../../common/i18n/text.ts';
import type { TraceEvent } from '../../../../common/trace.ts';
import { summaryIn } from '../../../../engine/scenario/ladder-text.ts';
import { startTlsRptCollector, type ReceivedReport, type TlsRptCollector } from '../../../../engine/nodes/tlsrpt-collector/collector.ts';
import { loadLabPki, type LabPki } from '../../../../engine/pki/lab-pki.ts';
import { buildReport, httpsUpload } from '../../../../engine/policy/tlsrpt/report.ts';

const HOST = 'tlsrpt.example.jp';
const DAY = Date.UTC(2026, 10, 22);
const REPORT = buildReport({ organizationName: 'Sender Lab', contactInfo: 'tlsrpt@sender.example', reportId: 'r1', start: DAY, end: DAY + 86_399_000 }, [
  { policy: { type: 'sts', domain: 'example.jp', strings: ['version: STSv1', 'mode: enforce'], mxHost: ['mx.example.jp'] }, successes: 3, failures: 1, details: [] },
]);

interface Answer {
  status: number;
  type?: string;
  allow?: string;
  body: string;
}

/** One HTTPS request as a plain client would send it; `chunks` go out one write each, without Content-Length. */
function send(port: number, ca: string, init: { method?: string; path?: string; type?: string; body?: Buffer; chunks?: Buffer[] }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: HOST };
    if (init.type) headers['content-type'] = init.type;
    if (init.body) headers['content-length'] = String(init.body.length);
    const req = request({ host: '127.0.0.1', port, method: init.method ?? 'POST', path: init.path ?? '/v1/report', servername: HOST, headers, ca, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], allow: res.headers.allow, body: Buffer.concat(parts).toString() }));
    });
    req.on('error', reject);
    if (init.chunks) {
      for (const chunk of init.chunks) req.write(chunk);
      req.end();
    } else req.end(init.body);
  });
}

describe('TLS-RPT collector', () => {
  let dir: string;
  let pki: LabPki;
  let collector: TlsRptCollector;
  const events: Omit<TraceEvent, 'seq' | 't'>[] = [];
  let flows = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tlsrpt-collector-'));
    pki = await loadLabPki(dir);
    collector = await startTlsRptCollector({
      defaultHostname: HOST,
      certificateFor: (name) => pki.leaf(name),
      maxBytes: 16 * 1024,
      emit: (e) => events.push(e),
      nextFlow: () => `f${++flows}`,
    });
  });
  afterAll(async () => {
    await collector.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores a gzipped report POSTed as application/tlsrpt+gzip, answers 201 and tells its listeners', async () => {
    const heard: ReceivedReport[] = [];
    const stop = collector.onReport((r) => heard.push(r));
    const upload = httpsUpload(REPORT);
    const before = collector.received().length;
    const answer = await send(collector.port, pki.caCertPem, { type: upload.contentType, body: upload.body });
    stop();
    expect(answer).toMatchObject({ status: 201, type: 'text/plain; charset=utf-8', body: 'report r1 stored\n' });
    const stored = collector.received().slice(before);
    expect(stored).toEqual([{ at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/), report: REPORT, mediaType: 'application/tlsrpt+gzip' }]);
    expect(heard).toEqual(stored);
  });

  it('also takes application/tlsrpt+json', async () => {
    const answer = await send(collector.port, pki.caCertPem, { type: 'application/tlsrpt+json', body: Buffer.from(JSON.stringify({ ...REPORT, 'report-id': 'r2' })) });
    expect(answer.status).toBe(201);
    expect(collector.received().at(-1)).toMatchObject({ mediaType: 'application/tlsrpt+json', report: { 'report-id': 'r2' } });
  });

  it('refuses with a plain reason: 405, 404, 415, 400 for bad gzip, bad JSON and missing fields', async () => {
    const before = collector.received().length;
    const ca = pki.caCertPem;
    const get = await send(collector.port, ca, { method: 'GET' });
    expect(get).toMatchObject({ status: 405, allow: 'POST' });
    expect(get.body).toMatch(/POST the report to \/v1\/report/);
    expect((await send(collector.port, ca, { path: '/', type: 'application/tlsrpt+gzip', body: Buffer.from('x') })).status).toBe(404);
    expect(await send(collector.port, ca, { type: 'application/json', body: Buffer.from('{}') })).toMatchObject({ status: 415, body: expect.stringContaining('"application/json" is not application/tlsrpt+gzip') });
    expect(await send(collector.port, ca, { type: 'application/tlsrpt+gzip', body: Buffer.from(JSON.stringify(REPORT)) })).toMatchObject({ status: 400, body: expect.stringMatching(/^the body is not gzip/) });
    expect(await send(collector.port, ca, { type: 'application/tlsrpt+gzip', body: gzipSync('{"report-id": ') })).toMatchObject({ status: 400, body: expect.stringMatching(/^the report is not JSON/) });
    const { policies: _dropped, ...noPolicies } = REPORT;
    expect(await send(collector.port, ca, { type: 'application/tlsrpt+gzip', body: gzipSync(JSON.stringify(noPolicies)) })).toMatchObject({ status: 400, body: 'the report lacks "policies" (an array)\n' });
    expect(collector.received().length).toBe(before);
  });

  it('answers 413 past the cap, declared or streamed, and the client still reads the answer', async () => {
    const big = Buffer.alloc(64 * 1024, 0x20);
    expect(await send(collector.port, pki.caCertPem, { type: 'application/tlsrpt+gzip', body: big })).toMatchObject({ status: 413, body: expect.stringContaining('16384 bytes') });
    const streamed = await send(collector.port, pki.caCertPem, { type: 'application/tlsrpt+gzip', chunks: Array.from({ length: 8 }, () => Buffer.alloc(8 * 1024, 0x20)) });
    expect(streamed).toMatchObject({ status: 413, body: expect.stringContaining('kept coming') });
    const bomb = gzipSync(JSON.stringify({ ...REPORT, padding: 'a'.repeat(1024 * 1024) }));
    expect(await send(collector.port, pki.caCertPem, { type: 'application/tlsrpt+gzip', body: bomb })).toMatchObject({ status: 413, body: expect.stringContaining('inflates') });
  });

  it('traces each request and answer as encrypted https rows on one flow per connection', async () => {
    events.length = 0;
    const upload = httpsUpload({ ...REPORT, 'report-id': 'r3' });
    await send(collector.port, pki.caCertPem, { type: upload.contentType, body: upload.body });
    await send(collector.port, pki.caCertPem, { method: 'GET' });
    expect(events.map((e) => [e.layer, e.dir, e.visibility])).toEqual([
      ['https', 'c2s', 'encrypted'],
      ['https', 's2c', 'encrypted'],
      ['https', 'c2s', 'encrypted'],
      ['https', 's2c', 'encrypted'],
    ]);
    expect(events[0].flow).toBe(events[1].flow);
    expect(events[2].flow).not.toBe(events[0].flow);
    expect(events[0].summary).toBe(`POST /v1/report (Host: ${HOST}, application/tlsrpt+gzip)`);
    expect(events[1]).toMatchObject({ summary: 'POST /v1/report -> 201 report r3 stored', rule: 'RFC 8460 §5.3', link: { to: HOST, port: 443 } });
    expect(events[1].detail).toMatchObject({ status: 201, reportId: 'r3', organization: 'Sender Lab', bytes: upload.body.length });
    expect(events[3].detail).toMatchObject({ status: 405 });
    // The answer in the reader's language: the ladder's sentence and the detail's reason; the HTTP body stays English.
    expect(summaryIn({ ...events[1], seq: 0, t: 0 }, 'ja')).toBe('POST /v1/report -> 201 レポート r3 を保存した');
    expect(summaryIn({ ...events[3], seq: 0, t: 0 }, 'ja')).toBe('GET /v1/report -> 405 レポートは GET では受け取らない：/v1/report に POST する');
    expect(renderText('ja', events[3].detail?.reasonText as Text)).toBe('レポートは GET では受け取らない：/v1/report に POST する');
  });

  it('answers a name outside the lab with its own certificate and writes nothing for it (RFC 6066 §3)', async () => {
    const files = () => readdir(dir, { recursive: true }).then((list) => list.sort());
    const before = await files();
    const presented = await new Promise<string | undefined>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: collector.port, servername: 'www.google.com', ca: pki.caCertPem, checkServerIdentity: () => undefined }, () => {
        resolve(socket.getPeerX509Certificate()?.subjectAltName);
        socket.destroy();
      });
      socket.on('error', reject);
    });
    expect(presented).toBe(`DNS:${HOST}`);
    expect(await files()).toEqual(before);
  });
});
