// `smtp-lab serve --json`: the contract later issues, the e2e tests and graders rely on.
import { existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../../common/protocol.ts';
import { serveLab, testDataDir, type ServedLab } from '../../support/serve-lab.ts';

const labs: ServedLab[] = [];
afterAll(async () => {
  await Promise.all(labs.map((lab) => lab.stop()));
});

async function serve(args: string[] = []): Promise<ServedLab> {
  const lab = await serveLab(args);
  labs.push(lab);
  return lab;
}

describe('smtp-lab serve --json', () => {
  it('prints one JSON line with url, token, ws and hosts, writes a run file, and cleans up on SIGTERM', async () => {
    const lab = await serve();
    const url = new URL(lab.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.pathname).toBe('/');
    expect(url.searchParams.get('token')).toBe(lab.token);
    expect(Buffer.from(lab.token, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(lab.ws).toBe(`ws://127.0.0.1:${url.port}/api/ws`);
    const mx = lab.hosts['mx.example.jp'];
    expect(mx).toMatchObject({ role: 'receiver' });
    expect(mx.address).toMatch(/^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+$/);
    expect(mx.ports['25']).toBeGreaterThan(0);

    const runFile = join(testDataDir, 'runs', `${lab.process.pid}.json`);
    expect(existsSync(runFile)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(runFile).mode & 0o777).toBe(0o600);

    const hosts = await fetch(`${url.origin}/api/hosts`, { headers: { Authorization: `Bearer ${lab.token}` } });
    expect(await hosts.json()).toEqual(lab.hosts);

    const welcome = await new Promise<ServerMessage>((resolve, reject) => {
      const ws = new WebSocket(`${lab.ws}?token=${lab.token}`, { headers: { Origin: url.origin } });
      ws.on('open', () => ws.send(JSON.stringify({ type: 'hello' })));
      ws.on('message', (data) => {
        resolve(JSON.parse(data.toString()));
        ws.close();
      });
      ws.on('error', reject);
    });
    expect(welcome).toMatchObject({ type: 'welcome', systemLocale: 'en' });

    expect(await lab.stop()).toBe(0);
    expect(existsSync(runFile)).toBe(false);
  });

  it('runs two labs at once and takes another port when --port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', ok));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const [first, second] = await Promise.all([serve(['--port', String(taken)]), serve()]);
      const ports = [new URL(first.url).port, new URL(second.url).port];
      expect(ports[0]).not.toBe(String(taken));
      expect(ports[0]).not.toBe(ports[1]);
      expect(first.token).not.toBe(second.token);
      expect(first.hosts['mx.example.jp'].ports['25']).not.toBe(second.hosts['mx.example.jp'].ports['25']);
      for (const lab of [first, second]) {
        const response = await fetch(`${new URL(lab.url).origin}/api/mailbox?token=${lab.token}`);
        expect(response.status).toBe(200);
      }
      expect(await Promise.all([first.stop(), second.stop()])).toEqual([0, 0]);
    } finally {
      blocker.close();
    }
  });
});
