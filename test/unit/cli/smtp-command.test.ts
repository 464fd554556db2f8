// The learner's `smtp` client, run as the real CLI with piped stdin against servers on 127.0.0.1.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabRunInfo } from '../../../common/lab.ts';
import { runSmtpCli } from './run-smtp-cli.ts';
import { makeTestPki, type TestPki } from './test-pki.ts';

function writeRun(dataDir: string, smtpPort: number): string {
  const info: LabRunInfo = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    url: 'http://127.0.0.1:1/?token=t',
    token: 't',
    ws: 'ws://127.0.0.1:1/api/ws',
    api: 'http://127.0.0.1:1',
    hosts: { 'mx.example.jp': { address: '192.0.2.25', role: 'receiver', ports: { '25': smtpPort } } },
  };
  const path = join(dataDir, 'runs', `${process.pid}.json`);
  mkdirSync(join(dataDir, 'runs'), { recursive: true });
  writeFileSync(path, JSON.stringify(info));
  return path;
}

const runSmtp = runSmtpCli;

function listen(server: Server | SMTPServer): Promise<number> {
  const net = server instanceof SMTPServer ? (server as unknown as { server: Server }).server : server;
  return new Promise((ok) => net.listen(0, '127.0.0.1', () => ok((net.address() as AddressInfo).port)));
}

describe('smtp HOST [PORT]', () => {
  let dataDir: string;
  let pki: TestPki;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-cli-'));
    pki = await makeTestPki('mx.example.jp');
    mkdirSync(join(dataDir, 'pki'), { recursive: true });
    writeFileSync(join(dataDir, 'pki', 'ca.pem'), pki.caPem);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('sends every line with CRLF, prints replies as they come and waits for them when piped', async () => {
    const received: Buffer[] = [];
    const server = createServer((socket) => {
      socket.write('220 raw.test ESMTP\r\n');
      socket.on('data', (chunk) => {
        received.push(chunk);
        const text = Buffer.concat(received).toString();
        if (text.endsWith('EHLO learner.example\r\n')) socket.write('250-raw.test\r\n250 8BITMIME\r\n');
        if (text.endsWith('QUIT\r\n')) socket.end('221 bye\r\n');
      });
    });
    const port = await listen(server);
    const runFile = writeRun(dataDir, port);
    const result = await runSmtp(runFile, ['192.0.2.25', '25'], ['EHLO learner.example', 'QUIT']);
    server.close();
    expect(result.err).toBe('');
    expect(Buffer.concat(received).toString()).toBe('EHLO learner.example\r\nQUIT\r\n');
    expect(result.out).toMatch(/<- +220 raw\.test ESMTP\n -> EHLO learner\.example\n<- +250-raw\.test\n<- +250 8BITMIME\n -> QUIT\n<- +221 bye/);
    expect(result.code).toBe(0);
  });

  it('upgrades the same connection on STARTTLS, reports the TLS session and goes on inside TLS', async () => {
    const delivered: { secure: boolean; protocol: string | null; body: string }[] = [];
    let protocol: string | null = null;
    const server = new SMTPServer({
      key: pki.keyPem,
      cert: pki.certPem,
      authOptional: true,
      disableReverseLookup: true,
      logger: false,
      onSecure(socket, _session, callback) {
        protocol = (socket as import('node:tls').TLSSocket).getProtocol();
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          delivered.push({ secure: session.secure, protocol, body: Buffer.concat(chunks).toString() });
          callback();
        });
      },
    });
    server.on('error', () => {});
    const port = await listen(server);
    const runFile = writeRun(dataDir, port);
    const result = await runSmtp(runFile, ['mx.example.jp'], [
      'EHLO learner.example',
      'STARTTLS',
      'EHLO learner.example',
      'STARTTLS',
      'MAIL FROM:<alice@sender.example>',
      'RCPT TO:<bob@example.jp>',
      'DATA',
      'Subject: over TLS',
      '',
      'hello',
      '.',
      'QUIT',
    ]);
    await new Promise<void>((ok) => server.close(() => ok()));
    expect(result.err).toBe('');
    expect(result.out).toMatch(/ -> STARTTLS\n<- +220 /);
    expect(result.out).toContain('=== TLS started: TLSv1.3, cipher TLS_');
    expect(result.out).toContain('=== certificate subject: CN=mx.example.jp');
    expect(result.out).toContain('=== certificate issuer:  CN=Test Lab Root CA');
    expect(result.out).toContain('=== verified against the lab CA: yes');
    expect(result.out).toMatch(/RFC 3207 §4\.2/);
    // A second STARTTLS inside TLS goes out as typed; the server refuses it.
    expect(result.out).toMatch(/ ~> STARTTLS\n<~ +5\d\d /);
    expect(result.out).toMatch(/ ~> QUIT\n<~ +221 /);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ secure: true, protocol: 'TLSv1.3' });
    expect(delivered[0].body).toContain('Subject: over TLS');
    expect(result.code).toBe(0);
  });

  it('says which hosts exist when the name is not a lab host', async () => {
    const runFile = writeRun(dataDir, 1);
    const result = await runSmtp(runFile, ['gmail.com'], []);
    expect(result.code).toBe(2);
    expect(result.err).toContain('gmail.com is not a lab host. Lab hosts: mx.example.jp');
  });
});
