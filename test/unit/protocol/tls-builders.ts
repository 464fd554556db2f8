// Hand-built TLS bytes for scripted tests (RFC 8446 §4.1.2, §4.1.3, §5.1).

const u8 = (n: number) => Buffer.from([n]);
const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const u24 = (n: number) => Buffer.from([n >> 16, (n >> 8) & 0xff, n & 0xff]);
const vec = (lenOctets: 1 | 2 | 3, data: Buffer) =>
  Buffer.concat([lenOctets === 1 ? u8(data.length) : lenOctets === 2 ? u16(data.length) : u24(data.length), data]);
const ext = (type: number, data: Buffer) => Buffer.concat([u16(type), vec(2, data)]);

export function record(contentType: number, fragment: Buffer, version = 0x0303): Buffer {
  return Buffer.concat([u8(contentType), u16(version), vec(2, fragment)]);
}

export function handshake(type: number, body: Buffer): Buffer {
  return Buffer.concat([u8(type), vec(3, body)]);
}

export interface ClientHelloSpec {
  legacyVersion?: number;
  versions?: number[];
  suites: number[];
  sni?: string;
}

export function clientHello(spec: ClientHelloSpec): Buffer {
  const exts: Buffer[] = [];
  if (spec.sni) {
    const name = Buffer.from(spec.sni);
    exts.push(ext(0, vec(2, Buffer.concat([u8(0), vec(2, name)]))));
  }
  if (spec.versions) exts.push(ext(43, vec(1, Buffer.concat(spec.versions.map(u16)))));
  const body = Buffer.concat([
    u16(spec.legacyVersion ?? 0x0303),
    Buffer.alloc(32, 7),
    vec(1, Buffer.alloc(0)),
    vec(2, Buffer.concat(spec.suites.map(u16))),
    vec(1, Buffer.from([0])),
    vec(2, Buffer.concat(exts)),
  ]);
  return handshake(1, body);
}

export interface ServerHelloSpec {
  legacyVersion?: number;
  selectedVersion?: number;
  suite: number;
  random?: Buffer;
}

export function serverHello(spec: ServerHelloSpec): Buffer {
  const exts = spec.selectedVersion ? ext(43, u16(spec.selectedVersion)) : Buffer.alloc(0);
  const body = Buffer.concat([
    u16(spec.legacyVersion ?? 0x0303),
    spec.random ?? Buffer.alloc(32, 9),
    vec(1, Buffer.alloc(0)),
    u16(spec.suite),
    u8(0),
    ...(exts.length ? [vec(2, exts)] : []),
  ]);
  return handshake(2, body);
}

/** A server random ending in the RFC 8446 §4.1.3 sentinel: "DOWNGRD" + last. */
export function downgradeRandom(last: 0 | 1): Buffer {
  return Buffer.concat([Buffer.alloc(24, 3), Buffer.from('444f574e475244', 'hex'), u8(last)]);
}

export const HRR_RANDOM = Buffer.from('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c', 'hex');
