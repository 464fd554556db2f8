// addFallbackScsv on ClientHellos from Node's own client and on generated ones: the output is
// the same hello plus 0x5600 at the end of cipher_suites (RFC 7507 §4), every length grown by 2.
import { Duplex } from 'node:stream';
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { addFallbackScsv } from '../../../engine/protocol/tls-hello-rewrite.ts';
import { parseClientHello, type ClientHelloInfo } from '../../../engine/protocol/tls-hello.ts';
import { CT_ALERT, CT_APPLICATION_DATA, CT_HANDSHAKE, TlsRecordReader } from '../../../engine/protocol/tls-records.ts';
import { clientHello, handshake, record, serverHello } from './tls-builders.ts';

/** The first record Node's TLS client writes for these options, captured in memory. */
function nodeClientHello(options: tls.ConnectionOptions): Promise<Buffer> {
  return new Promise((resolve) => {
    const reader = new TlsRecordReader();
    const wire = new Duplex({
      read() {},
      write(chunk: Buffer, _enc, done) {
        const [first] = reader.push(chunk).records;
        if (first) {
          resolve(Buffer.from(first.raw));
          setImmediate(() => socket.destroy());
        }
        done();
      },
    });
    const socket = tls.connect({ socket: wire, rejectUnauthorized: false, ...options });
    socket.on('error', () => {});
  });
}

function helloOf(recordBytes: Buffer): ClientHelloInfo {
  const { records } = new TlsRecordReader().push(recordBytes);
  expect(records).toHaveLength(1);
  expect(records[0].raw.length).toBe(recordBytes.length);
  return parseClientHello(records[0].fragment.subarray(4));
}

/** Everything the rewrite must keep, plus the SCSV as the last suite. */
function expectScsvAdded(before: Buffer, after: Buffer | null): void {
  expect(after).not.toBeNull();
  const was = helloOf(before);
  const now = helloOf(after!);
  expect(was.fallbackScsv).toBe(false);
  expect(now).toEqual({ ...was, cipherSuites: [...was.cipherSuites, 'TLS_FALLBACK_SCSV'], fallbackScsv: true });
  expect(after!.length).toBe(before.length + 2);
  expect(after!.subarray(0, 3)).toEqual(before.subarray(0, 3)); // content type, record version
  expect(after!.readUInt16BE(3)).toBe(before.readUInt16BE(3) + 2);
  expect(after!.readUIntBE(6, 3)).toBe(before.readUIntBE(6, 3) + 2);
  expect(after!.subarray(after!.length - 2 - tail(before).length, after!.length - tail(before).length)).toEqual(Buffer.from([0x56, 0x00]));
}

/** Bytes after cipher_suites: compression methods and extensions, which must not move. */
function tail(recordBytes: Buffer): Buffer {
  const body = recordBytes.subarray(9);
  const suitesAt = 35 + body[34];
  return body.subarray(suitesAt + 2 + body.readUInt16BE(suitesAt));
}

describe('addFallbackScsv on ClientHellos from Node', () => {
  const legacy = { minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' } as const;
  const cases: [string, tls.ConnectionOptions][] = [
    ['a TLS 1.2 retry', { maxVersion: 'TLSv1.2', servername: 'mx.example.jp' }],
    ['a TLS 1.1 retry', { ...legacy, maxVersion: 'TLSv1.1', servername: 'mx.example.jp' }],
    ['a TLS 1.0 retry without SNI', { ...legacy, maxVersion: 'TLSv1' }],
    ['a TLS 1.3 hello with ALPN', { servername: 'mta-sts.example.jp', ALPNProtocols: ['http/1.1'] }],
  ];
  for (const [name, options] of cases) {
    it(`appends 0x5600 to ${name} and keeps the rest`, async () => {
      const hello = await nodeClientHello(options);
      const after = addFallbackScsv(hello);
      expectScsvAdded(hello, after);
      expect(tail(after!)).toEqual(tail(hello));
    });
  }

  it('leaves a hello that already signals fallback as it is', async () => {
    const once = addFallbackScsv(await nodeClientHello({ maxVersion: 'TLSv1.2' }))!;
    expect(addFallbackScsv(once)).toEqual(once);
  });
});

describe('addFallbackScsv refuses what is not one whole ClientHello record', () => {
  const hello = record(CT_HANDSHAKE, clientHello({ suites: [0xc02b, 0x00ff], sni: 'mx.example.jp' }));
  const rejects: [string, Buffer][] = [
    ['a ServerHello', record(CT_HANDSHAKE, serverHello({ suite: 0xc02b }))],
    ['an alert', record(CT_ALERT, Buffer.from([2, 86]))],
    ['application data', record(CT_APPLICATION_DATA, Buffer.alloc(40, 1))],
    ['a truncated record', hello.subarray(0, hello.length - 1)],
    ['a record followed by more bytes', Buffer.concat([hello, Buffer.from([0x15])])],
    ['two records', Buffer.concat([hello, hello])],
    ['a ClientHello continued in the next record', record(CT_HANDSHAKE, clientHello({ suites: [0xc02b], sni: 'mx.example.jp' }).subarray(0, 50))],
    ['a handshake record with two messages', record(CT_HANDSHAKE, Buffer.concat([clientHello({ suites: [1] }), handshake(1, Buffer.alloc(0))]))],
    ['a ClientHello whose suites run past its end', record(CT_HANDSHAKE, handshake(1, Buffer.concat([Buffer.alloc(34, 3), Buffer.from([0, 0xff, 0xff])])))],
    ['SMTP', Buffer.from('EHLO mail.sender.example\r\n')],
    ['nothing', Buffer.alloc(0)],
  ];
  for (const [name, bytes] of rejects) it(`returns null for ${name}`, () => expect(addFallbackScsv(bytes)).toBeNull());

  it('returns null when the SCSV would not fit in one record (RFC 8446 §5.1: 2^14 octets)', () => {
    // Fragment: 4 + 2 + 32 + 1 + (2 + 2 * 8169) + 2 + 2 = 16383 octets; 2 more do not fit.
    const suites = Array.from({ length: 8169 }, () => 0x002f);
    const full = record(CT_HANDSHAKE, clientHello({ suites }));
    expect(full.length - 5).toBe(16383);
    expect(addFallbackScsv(full)).toBeNull();
  });
});

// A small seeded generator stands in for a property-testing library: the same 400 hellos on
// every run, covering what varies between real clients (session id, GREASE, extensions).
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomHello(rand: () => number): Buffer {
  const int = (max: number) => Math.floor(rand() * (max + 1));
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(255)));
  const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
  const vec = (len: 1 | 2, data: Buffer) => Buffer.concat([len === 1 ? Buffer.from([data.length]) : u16(data.length), data]);
  const suites = Array.from({ length: 1 + int(120) }, () => (rand() < 0.1 ? 0x0a0a + 0x1010 * int(15) : int(0xffff))).filter((s) => s !== 0x5600);
  const exts: Buffer[] = [];
  if (rand() < 0.7) exts.push(Buffer.concat([u16(0), vec(2, vec(2, Buffer.concat([Buffer.from([0]), vec(2, Buffer.from(`mx${int(99)}.example.jp`))])))]));
  if (rand() < 0.6) exts.push(Buffer.concat([u16(43), vec(2, vec(1, Buffer.concat([0x0304, 0x0303, 0x0302].slice(int(2)).map(u16))))]));
  if (rand() < 0.4) exts.push(Buffer.concat([u16(16), vec(2, vec(2, Buffer.concat([vec(1, Buffer.from('http/1.1'))])))]));
  for (let i = int(4); i > 0; i--) exts.push(Buffer.concat([u16(0x1000 + int(0xefff)), vec(2, bytes(int(40)))]));
  const body = Buffer.concat([
    u16([0x0301, 0x0302, 0x0303][int(2)]),
    bytes(32),
    vec(1, bytes(int(32))),
    vec(2, Buffer.concat(suites.map(u16))),
    vec(1, Buffer.from([0, 1, 64].slice(0, 1 + int(2)))),
    ...(exts.length || rand() < 0.5 ? [vec(2, Buffer.concat(exts))] : []),
  ]);
  return record(CT_HANDSHAKE, handshake(1, body), [0x0301, 0x0303][int(1)]);
}

describe('addFallbackScsv, property: same hello plus 0x5600', () => {
  it('holds for 400 generated ClientHellos', () => {
    const rand = prng(7507);
    for (let i = 0; i < 400; i++) {
      const hello = randomHello(rand);
      const after = addFallbackScsv(hello);
      expectScsvAdded(hello, after);
      expect(tail(after!)).toEqual(tail(hello));
      expect(addFallbackScsv(after!)).toEqual(after);
    }
  });
});
