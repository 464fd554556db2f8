// The policy host as a node: what it serves, for which names, and the trace rows it emits.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../../common/trace.ts';
import { startPolicyHost } from '../../../../engine/nodes/policy-host/policy-host.ts';
import { loadLabPki, type LabPki } from '../../../../engine/pki/lab-pki.ts';

const POLICY = 'version: STSv1\nmode: testing\nmx: mx.example.jp\nmax_age: 600\n';

function get(port: number, ca: string, host: string, path: string, method = 'GET') {
  return new Promise<{ status: number; type?: string; body: string; peerName?: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, servername: host, headers: { host }, ca, agent: false, checkServerIdentity: () => undefined }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const subject = (res.socket as import('node:tls').TLSSocket).getPeerX509Certificate?.()?.subjectAltName;
        resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body: Buffer.concat(chunks).toString(), peerName: subject });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('policy host', () => {
  let dir: string;
  let pki: LabPki;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'policy-host-'));
    pki = await loadLabPki(dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves each domain its policy with the certificate for its name, everything else 404, and traces both ways', async () => {
    const events: Omit<TraceEvent, 'seq' | 't'>[] = [];
    let flows = 0;
    const host = await startPolicyHost({ defaultHostname: 'mta-sts.example.jp', certificateFor: (n) => pki.leaf(n), emit: (e) => events.push(e), nextFlow: () => `f${++flows}` });
    try {
      host.store.set('example.jp', POLICY);
      host.store.set('example.net', POLICY.replace('mx.example.jp', 'mx.example.net'));
      const jp = await get(host.port, pki.caCertPem, 'mta-sts.example.jp', '/.well-known/mta-sts.txt');
      expect(jp).toMatchObject({ status: 200, type: 'text/plain', body: POLICY, peerName: 'DNS:mta-sts.example.jp' });
      const net = await get(host.port, pki.caCertPem, 'mta-sts.example.net', '/.well-known/mta-sts.txt');
      expect(net).toMatchObject({ status: 200, peerName: 'DNS:mta-sts.example.net' });
      expect(net.body).toContain('mx.example.net');
      expect((await get(host.port, pki.caCertPem, 'mta-sts.example.jp', '/'))?.status).toBe(404);
      expect((await get(host.port, pki.caCertPem, 'mta-sts.example.jp', '/.well-known/mta-sts.txt', 'POST')).status).toBe(404);
      expect((await get(host.port, pki.caCertPem, 'www.example.jp', '/.well-known/mta-sts.txt')).status).toBe(404);

      // The learner edits the policy while the lab runs.
      host.store.set('example.jp', POLICY.replace('testing', 'enforce'));
      expect((await get(host.port, pki.caCertPem, 'mta-sts.example.jp', '/.well-known/mta-sts.txt')).body).toContain('mode: enforce');

      const first = events.slice(0, 2);
      expect(first.map((e) => [e.layer, e.dir, e.flow, e.visibility])).toEqual([
        ['https', 'c2s', 'f1', 'encrypted'],
        ['https', 's2c', 'f1', 'encrypted'],
      ]);
      expect(first[1].summary).toBe(`GET /.well-known/mta-sts.txt -> 200 text/plain (${POLICY.length} bytes)`);
      expect(first[1].link).toMatchObject({ to: 'mta-sts.example.jp', port: 443 });
      expect(Buffer.from(first[1].raw!, 'base64').toString()).toBe(POLICY);
      expect(events.filter((e) => e.dir === 's2c').map((e) => e.detail?.status)).toEqual([200, 200, 404, 404, 404, 200]);
    } finally {
      await host.close();
    }
  });

  it('lesson switches change the answer: media type, redirect, 404, oversize', async () => {
    const host = await startPolicyHost({ defaultHostname: 'mta-sts.example.jp', certificateFor: (n) => pki.leaf(n) });
    const fetchIt = () => get(host.port, pki.caCertPem, 'mta-sts.example.jp', '/.well-known/mta-sts.txt');
    try {
      host.store.set('example.jp', POLICY, { lesson: { kind: 'wrong-media-type' } });
      expect(await fetchIt()).toMatchObject({ status: 200, type: 'text/html', body: POLICY });
      host.store.setLesson('example.jp', { kind: 'redirect' });
      expect(await fetchIt()).toMatchObject({ status: 302 });
      host.store.setLesson('example.jp', { kind: 'not-found' });
      expect((await fetchIt()).status).toBe(404);
      host.store.setLesson('example.jp', { kind: 'oversize', bytes: 70_000 });
      const big = await fetchIt();
      expect(big.body.length).toBe(70_000);
      expect(big.body.startsWith(POLICY)).toBe(true);
    } finally {
      await host.close();
    }
  });

  it('presents its own certificate for a name outside the lab, and issues or writes nothing for it (RFC 6066 §3)', async () => {
    const host = await startPolicyHost({ defaultHostname: 'mta-sts.example.jp', certificateFor: (n) => pki.leaf(n) });
    const files = () => readdir(dir, { recursive: true }).then((list) => list.sort());
    try {
      host.store.set('example.jp', POLICY);
      const before = await files();
      const google = await get(host.port, pki.caCertPem, 'www.google.com', '/.well-known/mta-sts.txt');
      expect(google).toMatchObject({ status: 404, peerName: 'DNS:mta-sts.example.jp' });
      // openssl checks the name the way any client would: the lab CA does not vouch for it.
      const openssl = await new Promise<string>((resolve) => {
        const args = ['s_client', '-connect', `127.0.0.1:${host.port}`, '-servername', 'www.google.com', '-verify_hostname', 'www.google.com', '-CAfile', pki.caPath];
        const child = execFile('openssl', args, { timeout: 10_000 }, (_err, stdout, stderr) => resolve(`${stdout}${stderr}`));
        child.stdin?.end();
      });
      expect(openssl).toMatch(/Verify return code: 62 \(hostname mismatch\)/);
      expect(await files()).toEqual(before);
    } finally {
      await host.close();
    }
  });
});
