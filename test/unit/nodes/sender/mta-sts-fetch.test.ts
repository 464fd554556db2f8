// RFC 8461 §3.3 policy fetches against the real policy host on 127.0.0.1.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fetchMtaStsPolicy } from '../../../../engine/nodes/sender/mta-sts-fetch.ts';
import { startPolicyHost, type PolicyHost } from '../../../../engine/nodes/policy-host/policy-host.ts';
import type { PolicyLesson } from '../../../../engine/nodes/policy-host/policy-store.ts';
import { createRootCa, issueServerLeaf, type IssuedPem } from '../../../../engine/pki/issue.ts';
import { loadLabPki, type LabPki } from '../../../../engine/pki/lab-pki.ts';

const POLICY = 'version: STSv1\nmode: enforce\nmx: mx.example.jp\nmax_age: 86400\n';

describe('fetchMtaStsPolicy', () => {
  let dir: string;
  let pki: LabPki;
  let host: PolicyHost | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mta-sts-fetch-'));
    pki = await loadLabPki(dir);
  });
  afterEach(async () => {
    await host?.close();
    host = undefined;
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const serve = async (lesson: PolicyLesson = { kind: 'normal' }, certificateFor?: (name: string) => Promise<IssuedPem>) => {
    host = await startPolicyHost({ defaultHostname: 'mta-sts.example.jp', certificateFor: certificateFor ?? ((name) => pki.leaf(name)) });
    host.store.set('example.jp', POLICY, { lesson });
    return host;
  };
  const fetch = (port: number, extra: { timeoutMs?: number } = {}) =>
    fetchMtaStsPolicy({ policyDomain: 'example.jp', port, trustedCaPems: [pki.caCertPem], timeoutMs: 3000, ...extra });

  it('fetches and parses a valid policy over TLS with a certificate for mta-sts.example.jp', async () => {
    const { port } = await serve();
    const result = await fetch(port);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.policy).toMatchObject({ mode: 'enforce', mx: ['mx.example.jp'], maxAge: 86400 });
    expect(result.tls).toMatchObject({ pkix: 'valid', certNames: ['mta-sts.example.jp'] });
    expect(result.tls?.version).toMatch(/^TLSv1\.[23]$/);
    expect(result.http).toEqual({ status: 200, contentType: 'text/plain', bytes: POLICY.length });
  });

  it('a policy served as text/html is invalid (RFC 8461 §3.2)', async () => {
    const result = await fetch((await serve({ kind: 'wrong-media-type' })).port);
    expect(result).toMatchObject({ ok: false, tlsrptResult: 'sts-policy-invalid', rule: 'RFC 8461 §3.2' });
  });

  it('a redirect is not followed (RFC 8461 §3.3)', async () => {
    const result = await fetch((await serve({ kind: 'redirect', location: 'https://elsewhere.example/.well-known/mta-sts.txt' })).port);
    expect(result).toMatchObject({ ok: false, tlsrptResult: 'sts-policy-fetch-error', http: { status: 302, location: 'https://elsewhere.example/.well-known/mta-sts.txt' } });
    expect(result.reason).toMatch(/MUST NOT be followed/);
  });

  it('404 is a fetch error', async () => {
    const result = await fetch((await serve({ kind: 'not-found' })).port);
    expect(result).toMatchObject({ ok: false, tlsrptResult: 'sts-policy-fetch-error', http: { status: 404 } });
  });

  it('a domain the host has no policy for gets 404', async () => {
    const { port } = await serve();
    host!.store.delete('example.jp');
    expect(await fetch(port)).toMatchObject({ ok: false, http: { status: 404 } });
  });

  it('a body over 64 KB is refused without reading it all', async () => {
    const result = await fetch((await serve({ kind: 'oversize', bytes: 70_000 })).port);
    expect(result).toMatchObject({ ok: false, tlsrptResult: 'sts-policy-fetch-error', rule: 'RFC 8461 §3.3' });
    expect(result.reason).toMatch(/over the 65536-byte limit/);
  });

  it('a slow answer runs into the time cap', async () => {
    const { port } = await serve({ kind: 'slow', delayMs: 5000 });
    const started = Date.now();
    const result = await fetch(port, { timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result).toMatchObject({ ok: false, tlsrptResult: 'sts-policy-fetch-error' });
    expect(result.reason).toMatch(/did not answer within 300 ms/);
  });

  it('a lab certificate for another name is sts-webpki-invalid, and no GET is sent', async () => {
    const requests: string[] = [];
    const { port } = await serve({ kind: 'normal' }, (name) => {
      requests.push(name);
      return pki.leaf('www.example.jp');
    });
    const result = await fetch(port);
    expect(result).toMatchObject({ ok: false, tlsrptResult: 'sts-webpki-invalid', rule: 'RFC 8461 §3.3', tls: { pkix: 'valid', certNames: ['www.example.jp'] } });
    expect(result.http).toBeUndefined();
  });

  it('a certificate from an untrusted CA is sts-webpki-invalid', async () => {
    const rogueCa = await createRootCa('Rogue CA');
    const rogueLeaf = await issueServerLeaf(rogueCa, 'mta-sts.example.jp');
    const result = await fetch((await serve({ kind: 'normal' }, async () => rogueLeaf)).port);
    expect(result).toMatchObject({ ok: false, tlsrptResult: 'sts-webpki-invalid', tls: { pkix: 'not-trusted' } });
    expect(result.reason).toMatch(/does not chain to a trusted root/);
    expect(result.http).toBeUndefined();
  });

  it('a policy over plain HTTP is never accepted', async () => {
    const plain = createHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(POLICY);
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    try {
      const result = await fetch((plain.address() as AddressInfo).port);
      expect(result).toMatchObject({ ok: false, tlsrptResult: 'sts-policy-fetch-error' });
      expect(result.tls).toBeUndefined();
    } finally {
      plain.closeAllConnections();
      await new Promise((resolve) => plain.close(resolve));
    }
  });

  it('nothing listening is a fetch error, not an exception', async () => {
    const { port } = await serve();
    await host!.close();
    host = undefined;
    const result = await fetch(port);
    expect(result).toMatchObject({ ok: false, tlsrptResult: 'sts-policy-fetch-error' });
    expect(result.reason).toMatch(/ECONNREFUSED/);
  });
});
