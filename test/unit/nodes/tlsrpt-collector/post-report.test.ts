// The sender's https rua upload (RFC 8460 §5.3) against the collector on 127.0.0.1: PKIX and the
// name are checked before anything is sent; the collector's answer comes back as a value.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../../../common/i18n/text.ts';
import { startTlsRptCollector } from '../../../../engine/nodes/tlsrpt-collector/collector.ts';
import { postTlsRpt } from '../../../../engine/nodes/tlsrpt-collector/post-report.ts';
import { createRootCa, type IssuedPem } from '../../../../engine/pki/issue.ts';
import { loadLabPki, type CertVariant, type LabPki } from '../../../../engine/pki/lab-pki.ts';
import { buildReport, httpsUpload } from '../../../../engine/policy/tlsrpt/report.ts';

const RUA = 'https://tlsrpt.example.jp/v1/report';
const DAY = Date.UTC(2026, 10, 22);
const REPORT = buildReport({ organizationName: 'Sender Lab', contactInfo: 'tlsrpt@sender.example', reportId: 'day-1', start: DAY, end: DAY + 86_399_000 }, []);

let dir: string;
let pki: LabPki;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tlsrpt-post-'));
  pki = await loadLabPki(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function withCollector<T>(certificateFor: (name: string) => Promise<IssuedPem>, work: (port: number, received: () => unknown[]) => Promise<T>): Promise<T> {
  const collector = await startTlsRptCollector({ defaultHostname: 'tlsrpt.example.jp', certificateFor });
  try {
    return await work(collector.port, () => collector.received());
  } finally {
    await collector.close();
  }
}

describe('postTlsRpt', () => {
  it('posts the gzipped report to the loopback port under the URL host name; 201 is ok', async () => {
    const seen: string[] = [];
    await withCollector(
      (name) => {
        seen.push(name);
        return pki.leaf(name);
      },
      async (port, received) => {
        const result = await postTlsRpt({ url: RUA, port, trustedCaPems: [pki.caCertPem], gzipBody: httpsUpload(REPORT).body });
        expect(result).toEqual({ ok: true, status: 201, detail: 'report day-1 stored', tls: { version: 'TLSv1.3', cipher: expect.any(String) } });
        expect(received()).toEqual([expect.objectContaining({ report: REPORT, mediaType: 'application/tlsrpt+gzip' })]);
      },
    );
    expect(seen).toContain('tlsrpt.example.jp');
  });

  const refused: [CertVariant, RegExp][] = [
    ['expired', /CERT_HAS_EXPIRED/],
    ['wrong-name', /ERR_TLS_CERT_ALTNAME_INVALID/],
    ['self-signed', /DEPTH_ZERO_SELF_SIGNED_CERT/],
  ];
  for (const [kind, reason] of refused) {
    it(`sends nothing to a collector with a ${kind} certificate`, async () => {
      await withCollector(
        (name) => pki.variant(name, kind),
        async (port, received) => {
          const result = await postTlsRpt({ url: RUA, port, trustedCaPems: [pki.caCertPem], gzipBody: httpsUpload(REPORT).body });
          expect(result).toMatchObject({ ok: false, status: 0, detail: expect.stringMatching(reason) });
          expect(received()).toEqual([]);
        },
      );
    });
  }

  it('sends nothing when the certificate chains to a CA the sender does not trust', async () => {
    const otherCa = await createRootCa('Not Trusted Root');
    await withCollector(
      (name) => pki.leaf(name),
      async (port, received) => {
        const result = await postTlsRpt({ url: RUA, port, trustedCaPems: [otherCa.certPem], gzipBody: httpsUpload(REPORT).body });
        expect(result).toMatchObject({ ok: false, status: 0, detail: expect.stringMatching(/UNABLE_TO_VERIFY_LEAF_SIGNATURE/) });
        expect(received()).toEqual([]);
      },
    );
  });

  it('returns the collector refusal as it came: status and plain reason', async () => {
    await withCollector(
      (name) => pki.leaf(name),
      async (port) => {
        const notGzip = await postTlsRpt({ url: RUA, port, trustedCaPems: [pki.caCertPem], gzipBody: Buffer.from(JSON.stringify(REPORT)) });
        expect(notGzip).toMatchObject({ ok: false, status: 400, detail: expect.stringMatching(/^the body is not gzip/) });
        const wrongPath = await postTlsRpt({ url: 'https://tlsrpt.example.jp/reports', port, trustedCaPems: [pki.caCertPem], gzipBody: httpsUpload(REPORT).body });
        expect(wrongPath).toMatchObject({ ok: false, status: 404 });
      },
    );
  });

  it('checks the certificate against servername when one is given apart from the URL host', async () => {
    // The collector serves a certificate for reports.example.jp only: it matches the servername, not the URL host.
    await withCollector(
      () => pki.leaf('reports.example.jp'),
      async (port) => {
        const result = await postTlsRpt({ url: RUA, port, servername: 'reports.example.jp', trustedCaPems: [pki.caCertPem], gzipBody: httpsUpload(REPORT).body });
        expect(result).toMatchObject({ ok: true, status: 201 });
      },
    );
  });

  it('refuses a URL that is not https (RFC 8460 §3) without dialing', async () => {
    const mailto = await postTlsRpt({ url: 'mailto:tlsrpt@example.jp', port: 1, trustedCaPems: [pki.caCertPem], gzipBody: Buffer.alloc(0) });
    expect(mailto).toMatchObject({ ok: false, status: 0, detail: 'mailto: is not https: (RFC 8460 §3)' });
    expect(mailto.detailText && renderText('ja', mailto.detailText)).toBe('mailto: は https: ではない（RFC 8460 §3）');
    expect(await postTlsRpt({ url: 'not a url', port: 1, trustedCaPems: [pki.caCertPem], gzipBody: Buffer.alloc(0) })).toMatchObject({ ok: false, detail: 'not a URL: not a url' });
  });
});
