// Over the real WebSocket: hello/welcome, a terminal that echoes, and that dies with its connection.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../../common/protocol.ts';
import { startApiServer, type ApiServer } from '../../../engine/api/api-server.ts';
import { PtyManager } from '../../../engine/pty/pty-manager.ts';
import { isAlive } from '../../../engine/cli/run-files.ts';
import { fakeLab, sampleMessage, type FakeLab } from './fake-lab.ts';

function until(check: () => boolean, ms = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => (check() ? resolve() : Date.now() - started > ms ? reject(new Error('timed out')) : setTimeout(poll, 10));
    poll();
  });
}

describe.runIf(process.platform !== 'win32')('WebSocket API', () => {
  let dir: string;
  let lab: FakeLab;
  let ptys: PtyManager;
  let server: ApiServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'smtp-lab-ws-'));
    lab = fakeLab(dir);
    ptys = new PtyManager({ toolsDir: dir, runFile: join(dir, 'run.json'), shell: { file: '/bin/sh', args: [] }, cwd: dir });
    server = await startApiServer({ lab, ptys, staticDir: dir, systemLocale: 'en' });
  });
  afterAll(async () => {
    await server.close();
    ptys.killAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('welcomes, streams, runs a terminal, and kills it when the connection goes', async () => {
    const ws = new WebSocket(`${server.ws}?token=${server.token}`);
    const got: ServerMessage[] = [];
    ws.on('message', (data) => got.push(JSON.parse(data.toString())));
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ type: 'hello' }));
    await until(() => got.some((m) => m.type === 'welcome'));
    expect(got[0]).toMatchObject({ type: 'welcome', systemLocale: 'en', trace: [], mailbox: [] });

    ws.send('{not json');
    await until(() => got.some((m) => m.type === 'error'));

    lab.emit({ flow: 'f1', link: { from: 'terminal', to: 'mx.example.jp', port: 25 }, layer: 'tcp', dir: 'none', summary: 'open', visibility: 'plaintext' });
    lab.deliver(sampleMessage('1', 'hi'));
    await until(() => got.some((m) => m.type === 'mailbox.added'));
    expect(got.findIndex((m) => m.type === 'trace')).toBeLessThan(got.findIndex((m) => m.type === 'mailbox.added'));

    ws.send(JSON.stringify({ type: 'pty.open', cols: 80, rows: 24 }));
    await until(() => got.some((m) => m.type === 'pty.opened'));
    const id = (got.find((m) => m.type === 'pty.opened') as { id: number }).id;
    const pid = ptys.get(id)!.pid;
    ws.send(JSON.stringify({ type: 'pty.input', id, data: 'echo "lab-$((2*21))"\r' }));
    const output = () => got.filter((m) => m.type === 'pty.data').map((m) => (m as { data: string }).data).join('');
    await until(() => output().includes('lab-42'));
    ws.send(JSON.stringify({ type: 'pty.ack', id, bytes: output().length }));

    ws.close();
    await until(() => ptys.size === 0 && !isAlive(pid));
  });
});
