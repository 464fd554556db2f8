// Real TLS bytes from Node's own client and server, connected in memory (no sockets), read
// by the decoder the way the lab relay reads them.
import { Duplex } from 'node:stream';
import tls from 'node:tls';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DecodedEvent, WireDir } from '../../../engine/protocol/decoded-event.ts';
import { SmtpFlowDecoder } from '../../../engine/protocol/smtp-flow-decoder.ts';
import { createRootCa, issueServerLeaf, type IssuedPem } from '../../../engine/pki/issue.ts';

let ca: IssuedPem;
let leaf: IssuedPem;

beforeAll(async () => {
  ca = await createRootCa('Test Root');
  leaf = await issueServerLeaf(ca, 'mx.example.jp');
});

/** Two in-memory stream ends; every write is fed to the decoder first, as a relay would. */
function wire(decoder: SmtpFlowDecoder, rows: DecodedEvent[], chunks: [WireDir, Buffer][]): { client: Duplex; server: Duplex } {
  const make = (dir: WireDir, peer: () => Duplex) =>
    new Duplex({
      read() {},
      write(chunk: Buffer, _enc, done) {
        chunks.push([dir, Buffer.from(chunk)]);
        rows.push(...decoder.feed(dir, chunk));
        peer().push(chunk);
        done();
      },
      final(done) {
        peer().push(null);
        done();
      },
    });
  const client: Duplex = make('c2s', () => server);
  const server: Duplex = make('s2c', () => client);
  return { client, server };
}

async function handshake(clientOptions: tls.ConnectionOptions, serverOptions: tls.TlsOptions) {
  const decoder = new SmtpFlowDecoder();
  const rows: DecodedEvent[] = [];
  const chunks: [WireDir, Buffer][] = [];
  // The SMTP part that leads to the upgrade (RFC 3207 §4).
  rows.push(...decoder.feed('s2c', Buffer.from('220 mx.example.jp ESMTP\r\n')));
  rows.push(...decoder.feed('c2s', Buffer.from('STARTTLS\r\n')));
  rows.push(...decoder.feed('s2c', Buffer.from('220 Ready to start TLS\r\n')));
  const { client, server } = wire(decoder, rows, chunks);
  const serverSocket = new tls.TLSSocket(server, { isServer: true, key: leaf.keyPem, cert: leaf.certPem, ...serverOptions });
  const clientSocket = tls.connect({ socket: client, servername: 'mx.example.jp', ca: ca.certPem, ...clientOptions });
  await new Promise<void>((resolve, reject) => {
    clientSocket.once('secureConnect', resolve);
    clientSocket.once('error', reject);
  });
  const received = new Promise<string>((resolve) => serverSocket.once('data', (d: Buffer) => resolve(d.toString())));
  clientSocket.write('EHLO inside\r\n');
  expect(await received).toBe('EHLO inside\r\n');
  const negotiated = { version: clientSocket.getProtocol(), cipher: clientSocket.getCipher().standardName };
  clientSocket.destroy();
  serverSocket.destroy();
  return { rows, negotiated, chunks };
}

describe('TLS flow on a real Node handshake', () => {
  it('TLS 1.3: ClientHello and ServerHello in the clear, the rest encrypted', async () => {
    const { rows, negotiated } = await handshake({}, {});
    const tlsRows = rows.filter((r) => r.layer === 'tls');
    const hello = tlsRows.find((r) => r.summary.startsWith('ClientHello'));
    const serverHelloRow = tlsRows.find((r) => r.summary.startsWith('ServerHello'));
    expect(hello?.summary).toMatch(/^ClientHello: offers TLSv1.3, TLSv1.2 · \d+ cipher suites · SNI mx.example.jp$/);
    expect(hello?.visibility).toBe('plaintext');
    expect(serverHelloRow?.summary).toBe(`ServerHello: ${negotiated.version} · ${negotiated.cipher}`);
    expect(negotiated.version).toBe('TLSv1.3');
    const afterHello = tlsRows.slice(tlsRows.indexOf(serverHelloRow!) + 1).filter((r) => r.summary !== 'ChangeCipherSpec');
    expect(afterHello.length).toBeGreaterThan(0);
    for (const row of afterHello) expect(row.visibility).toBe('encrypted');
  });

  it('TLS 1.2 forced by the client: the TLS 1.3 server sets the downgrade sentinel (RFC 8446 §4.1.3)', async () => {
    const { rows, negotiated } = await handshake({ maxVersion: 'TLSv1.2' }, {});
    expect(negotiated.version).toBe('TLSv1.2');
    const serverHelloRow = rows.find((r) => r.summary.startsWith('ServerHello'));
    expect(serverHelloRow?.summary).toContain(`ServerHello: TLSv1.2 · ${negotiated.cipher}`);
    expect(serverHelloRow?.summary).toContain('downgrade sentinel (TLSv1.2)');
    const certificate = rows.find((r) => r.layer === 'tls' && /\bCertificate\b/.test(r.summary));
    // TLS 1.2 sends the server certificate in the clear: an eavesdropper sees it.
    expect(certificate?.visibility).toBe('plaintext');
    const hello = rows.find((r) => r.summary.startsWith('ClientHello'));
    expect(hello?.detail.clientHello).toMatchObject({ offeredVersions: ['TLSv1.2'] });
  });

  it('reads the same handshake fed one octet at a time', async () => {
    const { rows, chunks } = await handshake({}, {});
    const again = new SmtpFlowDecoder();
    const slow: DecodedEvent[] = [];
    for (const [dir, text] of [['s2c', '220 mx.example.jp ESMTP\r\n'], ['c2s', 'STARTTLS\r\n'], ['s2c', '220 Ready to start TLS\r\n']] as const) {
      slow.push(...again.feed(dir, Buffer.from(text)));
    }
    for (const [dir, chunk] of chunks) for (const octet of chunk) slow.push(...again.feed(dir, Buffer.from([octet])));
    const readable = (list: DecodedEvent[]) => list.filter((r) => r.visibility === 'plaintext').map((r) => r.summary);
    const hidden = (list: DecodedEvent[]) => list.filter((r) => r.visibility === 'encrypted').reduce((n, r) => n + Buffer.from(r.raw ?? '', 'base64').length, 0);
    expect(readable(slow)).toEqual(readable(rows));
    expect(hidden(slow)).toBe(hidden(rows));
    expect(hidden(rows)).toBeGreaterThan(0);
  });

  it('a reply injected after the 220 (starttls-injection direction=reply) is read as plaintext, then the real handshake', async () => {
    const { rows, chunks } = await handshake({}, {});
    const injected = '250-mx.example.jp\r\n250 AUTH PLAIN LOGIN\r\n';
    const decoder = new SmtpFlowDecoder();
    const replayed: DecodedEvent[] = [];
    replayed.push(...decoder.feed('s2c', Buffer.from('220 mx.example.jp ESMTP\r\n')));
    replayed.push(...decoder.feed('c2s', Buffer.from('STARTTLS\r\n')));
    // The man in the middle appends its reply to the 220, in the same packet.
    replayed.push(...decoder.feed('s2c', Buffer.from(`220 Ready to start TLS\r\n${injected}`)));
    for (const [dir, chunk] of chunks) replayed.push(...decoder.feed(dir, chunk));
    const fake = replayed.find((r) => r.detail.afterStarttls === true && r.dir === 's2c');
    expect(fake).toMatchObject({ layer: 'smtp', visibility: 'plaintext', rule: 'RFC 3207 §6', detail: { kind: 'reply', code: 250, lines: ['mx.example.jp', 'AUTH PLAIN LOGIN'] } });
    const tlsRows = (list: DecodedEvent[]) => list.filter((r) => r.layer === 'tls').map((r) => [r.dir, r.summary, r.visibility]);
    expect(tlsRows(replayed)).toEqual(tlsRows(rows));
    expect(replayed.some((r) => r.summary.startsWith('ServerHello: TLSv1.3'))).toBe(true);
  });
});
