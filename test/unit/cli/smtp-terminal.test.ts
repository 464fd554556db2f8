// The `smtp` client in a real terminal: typed lines come back as dim "->" lines, and a reply that
// arrives while the learner types does not eat their half-typed line.
import * as nodePty from '@lydell/node-pty';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const cli = resolve(import.meta.dirname, '../../../bin/smtp-lab.js');

let out = '';

function until(check: () => boolean, ms = 8000): Promise<void> {
  return new Promise((ok, fail) => {
    const started = Date.now();
    const poll = () => (check() ? ok() : Date.now() - started > ms ? fail(new Error(`timed out on ${check} with output ${JSON.stringify(out)}`)) : setTimeout(poll, 10));
    poll();
  });
}

it.runIf(process.platform !== 'win32')('reads typed lines in a terminal and prints the session in colour', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-tty-'));
  const lines: string[] = [];
  let replyLater: (() => void) | undefined;
  const server = createServer((socket) => {
    socket.write('220 tty.test ESMTP\r\n');
    socket.on('data', (chunk) => {
      for (const line of chunk.toString().split('\r\n').filter(Boolean)) {
        lines.push(line);
        if (line.startsWith('EHLO')) replyLater = () => socket.write('250-tty.test\r\n250 OK\r\n');
        if (line === 'QUIT') socket.end('221 bye\r\n');
      }
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  mkdirSync(join(dataDir, 'runs'));
  const runFile = join(dataDir, 'runs', `${process.pid}.json`);
  writeFileSync(runFile, JSON.stringify({ pid: process.pid, startedAt: '', url: '', token: '', ws: '', api: '', hosts: { 'mx.example.jp': { address: '192.0.2.25', role: 'receiver', ports: { '25': port } } } }));

  const term = nodePty.spawn(process.execPath, [cli, 'smtp', 'mx.example.jp'], {
    cols: 100,
    rows: 30,
    env: { ...process.env, SMTP_LAB_RUN: runFile, NO_COLOR: '' } as Record<string, string>,
  });
  out = '';
  let exitCode: number | null = null;
  term.onData((data) => (out += data));
  term.onExit(({ exitCode: code }) => (exitCode = code));
  try {
    await until(() => out.includes('220 tty.test'));
    term.write('EHLO learner.example\r');
    await until(() => lines.includes('EHLO learner.example') && replyLater !== undefined);
    expect(out).toContain('\x1b[2m -> EHLO learner.example\x1b[0m');
    term.write('MAIL FR');
    await until(() => out.endsWith('MAIL FR'));
    replyLater!();
    await until(() => out.includes('250 OK'));
    // The half-typed line is drawn again after the reply.
    await until(() => out.slice(out.lastIndexOf('250 OK')).includes('MAIL FR'));
    term.write('OM:<a@b.example>\r');
    await until(() => lines.includes('MAIL FROM:<a@b.example>'));
    term.write('\x04');
    await until(() => exitCode !== null);
    expect(lines.at(-1)).toBe('QUIT');
    expect(out).toContain('221 bye');
    expect(exitCode).toBe(0);
  } finally {
    term.kill();
    server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
