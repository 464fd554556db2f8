// Web mode serves a shell: the token, Host and Origin checks decide who gets an API and a terminal.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../../../engine/api/api-server.ts';
import { tokenMatches } from '../../../engine/api/access.ts';
import { fakeLab } from './fake-lab.ts';

function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.on('error', reject);
  });
}

/** A raw GET, so the path and Host reach the server exactly as written. */
function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('API server access control', () => {
  let dir: string;
  let server: ApiServer;
  let origin: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'smtp-lab-api-'));
    const staticDir = join(dir, 'renderer');
    mkdirSync(join(staticDir, 'assets'), { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>lab</title>');
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    server = await startApiServer({ lab: fakeLab(dir), ptys: null, staticDir });
    origin = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes a fresh token of at least 128 bits and compares it exactly', async () => {
    expect(Buffer.from(server.token, 'base64url').length).toBeGreaterThanOrEqual(16);
    const other = await startApiServer({ lab: fakeLab(dir), ptys: null, staticDir: dir });
    expect(other.token).not.toBe(server.token);
    expect(other.port).not.toBe(server.port);
    await other.close();
    expect(tokenMatches(server.token, server.token)).toBe(true);
    expect(tokenMatches(server.token, server.token.slice(1))).toBe(false);
    expect(tokenMatches(server.token, '')).toBe(false);
  });

  it('refuses the WebSocket without the token, with a wrong one, a foreign Origin or a foreign Host', async () => {
    expect(await upgradeStatus(server.ws)).toBe(403);
    expect(await upgradeStatus(`${server.ws}?token=wrong-${server.token}`)).toBe(403);
    expect(await upgradeStatus(`${server.ws}?token=${server.token}`, { Origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(`${server.ws}?token=${server.token}`, { Origin: `http://127.0.0.1:${server.port + 1}` })).toBe(403);
    expect(await upgradeStatus(`${server.ws}?token=${server.token}`, { Host: `evil.example:${server.port}` })).toBe(403);
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}/other?token=${server.token}`)).toBe(403);
  });

  it('accepts the WebSocket with the token and a same or absent Origin', async () => {
    expect(await upgradeStatus(`${server.ws}?token=${server.token}`)).toBe(101);
    expect(await upgradeStatus(`${server.ws}?token=${server.token}`, { Origin: origin })).toBe(101);
    expect(await upgradeStatus(`${server.ws}?token=${server.token}`, { Origin: `http://localhost:${server.port}`, Host: `localhost:${server.port}` })).toBe(101);
  });

  it('answers the HTTP API only with the token and a loopback Host', async () => {
    expect((await get(server.port, '/api/hosts')).status).toBe(403);
    expect((await get(server.port, '/api/hosts?token=nope')).status).toBe(403);
    expect((await get(server.port, `/api/hosts?token=${server.token}`, { Host: `rebound.example:${server.port}` })).status).toBe(403);
    const byQuery = await get(server.port, `/api/hosts?token=${server.token}`);
    expect(byQuery.status).toBe(200);
    expect(JSON.parse(byQuery.body)).toEqual({ 'mx.example.jp': { address: '192.0.2.25', role: 'receiver', ports: { '25': 2525, '587': 2587 } } });
    const byHeader = await get(server.port, '/api/mailbox', { Authorization: `Bearer ${server.token}` });
    expect(byHeader.status).toBe(200);
    expect(JSON.parse(byHeader.body)).toEqual([]);
    expect((await get(server.port, '/api/trace', { Authorization: `Bearer ${server.token}` })).status).toBe(200);
  });

  it('serves the renderer with its content type and a strict policy', async () => {
    const index = await get(server.port, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    expect(index.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const script = await get(server.port, '/assets/app.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get(server.port, '/', { Host: `evil.example:${server.port}` })).status).toBe(403);
  });

  it('refuses path traversal and lists no directories', async () => {
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/..%5csecret.txt', '/assets/', '/assets', '/%00']) {
      const response = await get(server.port, path);
      expect(response.status, path).toBe(404);
      expect(response.body, path).not.toContain('secret');
    }
  });
});
