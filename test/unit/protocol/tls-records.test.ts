import { describe, expect, it } from 'vitest';
import { TlsFlow } from '../../../engine/protocol/tls-flow.ts';
import { findRecordStart, TlsRecordReader } from '../../../engine/protocol/tls-records.ts';
import { cipherSuiteName, TLS_FALLBACK_SCSV } from '../../../engine/protocol/tls-names.ts';
import { clientHello, downgradeRandom, handshake, HRR_RANDOM, record, serverHello } from './tls-builders.ts';

const HANDSHAKE = 22;
const CCS = 20;
const ALERT = 21;
const APP = 23;

describe('TLS record reader', () => {
  it('returns whole records however the bytes are split', () => {
    const bytes = Buffer.concat([record(HANDSHAKE, Buffer.alloc(300, 1)), record(APP, Buffer.alloc(40, 2)), record(ALERT, Buffer.from([1, 0]))]);
    for (const size of [1, 4, 5, 6, 333, bytes.length]) {
      const reader = new TlsRecordReader();
      const types: number[] = [];
      for (let i = 0; i < bytes.length; i += size) for (const r of reader.push(bytes.subarray(i, i + size)).records) types.push(r.contentType);
      expect(types, `split by ${size}`).toEqual([HANDSHAKE, APP, ALERT]);
      expect(reader.buffered).toBe(0);
    }
  });

  it('stops at the first bytes that are not a TLS record and stays opaque', () => {
    const reader = new TlsRecordReader();
    const first = reader.push(Buffer.concat([record(APP, Buffer.alloc(3)), Buffer.from('250 OK\r\n')]));
    expect(first.records).toHaveLength(1);
    expect(first.notTls?.reason).toMatch(/content type 50/);
    expect(first.notTls?.bytes.toString()).toBe('250 OK\r\n');
    expect(reader.push(Buffer.from('more')).notTls?.bytes.toString()).toBe('more');
  });

  it('with resync, hands out the non-TLS bytes and picks up again at the next record header (RFC 8446 §5.1)', () => {
    const hello = record(HANDSHAKE, serverHello({ suite: 0xc02f }));
    const bytes = Buffer.concat([Buffer.from('250 AUTH PLAIN\r\n'), hello, record(APP, Buffer.alloc(8))]);
    for (const size of [1, 3, 7, bytes.length]) {
      const reader = new TlsRecordReader({ resync: true });
      const seen: string[] = [];
      for (let i = 0; i < bytes.length; i += size) {
        for (const part of reader.push(bytes.subarray(i, i + size)).parts) {
          seen.push('record' in part ? `record ${part.record.contentType}` : `text ${part.notTls.bytes.toString()}`);
        }
      }
      expect(seen.filter((s) => s.startsWith('record')), `split by ${size}`).toEqual([`record ${HANDSHAKE}`, `record ${APP}`]);
      expect(seen.filter((s) => s.startsWith('text')).map((s) => s.slice(5)).join(''), `split by ${size}`).toBe('250 AUTH PLAIN\r\n');
    }
  });

  it('finds where a record can start: plausible header, and for an opening record a hello or an alert', () => {
    const hello = record(HANDSHAKE, serverHello({ suite: 0xc02f }));
    expect(findRecordStart(Buffer.concat([Buffer.from('250 x\r\n'), hello]), 0, true)).toEqual({ at: 7, partial: false });
    expect(findRecordStart(Buffer.concat([Buffer.from('ok'), hello.subarray(0, 4)]), 0, true)).toEqual({ at: 2, partial: true });
    // Record version 0x0305 and an application_data record do not open TLS.
    expect(findRecordStart(Buffer.from([HANDSHAKE, 3, 5, 0, 4, 2, 0, 0, 0]), 0, true)).toBeNull();
    expect(findRecordStart(record(APP, Buffer.alloc(4)), 0, true)).toBeNull();
    expect(findRecordStart(record(APP, Buffer.alloc(4)))).toEqual({ at: 0, partial: false });
    expect(findRecordStart(record(HANDSHAKE, handshake(11, Buffer.alloc(3))), 0, true)).toBeNull();
  });

  it('rejects a length beyond the record limit (RFC 5246 §6.2.3)', () => {
    const reader = new TlsRecordReader();
    expect(reader.push(Buffer.from([23, 3, 3, 0xff, 0xff])).notTls?.reason).toMatch(/exceeds/);
  });
});

describe('TLS flow: what an eavesdropper reads', () => {
  it('decodes a ClientHello: versions offered, cipher suites, SNI', () => {
    const flow = new TlsFlow();
    const [row] = flow.feed('c2s', record(HANDSHAKE, clientHello({ versions: [0x0304, 0x0303], suites: [0x1302, 0x1301, 0xc02f, 0x00ff], sni: 'mx.example.jp' }), 0x0301));
    expect(row.summary).toBe('ClientHello: offers TLSv1.3, TLSv1.2 · 4 cipher suites · SNI mx.example.jp');
    expect(row.visibility).toBe('plaintext');
    expect(row.detail.clientHello).toMatchObject({
      legacyVersion: 'TLSv1.2',
      offeredVersions: ['TLSv1.3', 'TLSv1.2'],
      cipherSuites: ['TLS_AES_256_GCM_SHA384', 'TLS_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_EMPTY_RENEGOTIATION_INFO_SCSV'],
      sni: 'mx.example.jp',
      fallbackScsv: false,
    });
  });

  it('spots TLS_FALLBACK_SCSV in a fallback ClientHello (RFC 7507 §2)', () => {
    const flow = new TlsFlow();
    const [row] = flow.feed('c2s', record(HANDSHAKE, clientHello({ legacyVersion: 0x0302, suites: [0xc013, TLS_FALLBACK_SCSV] }), 0x0301));
    expect(row.summary).toBe('ClientHello: offers TLSv1.1 · 2 cipher suites · TLS_FALLBACK_SCSV');
    expect(row.rule).toBe('RFC 7507 §2');
    expect(row.detail.clientHello).toMatchObject({ fallbackScsv: true, cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', 'TLS_FALLBACK_SCSV'] });
  });

  it('reads the chosen version from supported_versions (RFC 8446 §4.2.1) and then treats records as encrypted', () => {
    const flow = new TlsFlow();
    const rows = flow.feed('s2c', Buffer.concat([
      record(HANDSHAKE, serverHello({ selectedVersion: 0x0304, suite: 0x1302 })),
      record(CCS, Buffer.from([1])),
      record(APP, Buffer.alloc(100)),
      record(APP, Buffer.alloc(200)),
    ]));
    expect(rows.map((r) => [r.summary, r.visibility])).toEqual([
      ['ServerHello: TLSv1.3 · TLS_AES_256_GCM_SHA384', 'plaintext'],
      ['ChangeCipherSpec', 'plaintext'],
      ['ApplicationData ×2 (310 octets, encrypted)', 'encrypted'],
    ]);
    expect(flow.version).toBe('TLSv1.3');
  });

  it('shows the downgrade sentinel in the server random (RFC 8446 §4.1.3)', () => {
    const [tls12] = new TlsFlow().feed('s2c', record(HANDSHAKE, serverHello({ suite: 0xc02f, random: downgradeRandom(1) })));
    expect(tls12.summary).toBe('ServerHello: TLSv1.2 · TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 · downgrade sentinel (TLSv1.2)');
    expect(tls12.rule).toBe('RFC 8446 §4.1.3');
    const [tls11] = new TlsFlow().feed('s2c', record(HANDSHAKE, serverHello({ legacyVersion: 0x0302, suite: 0xc013, random: downgradeRandom(0) })));
    expect(tls11.detail.serverHello).toMatchObject({ version: 'TLSv1.1', downgradeSentinel: 'TLSv1.1-or-below' });
    const [none] = new TlsFlow().feed('s2c', record(HANDSHAKE, serverHello({ suite: 0xc02f })));
    expect(none.detail.serverHello).toMatchObject({ downgradeSentinel: null });
  });

  it('recognises a HelloRetryRequest and keeps the second ClientHello readable', () => {
    const flow = new TlsFlow();
    const [hrr] = flow.feed('s2c', record(HANDSHAKE, serverHello({ selectedVersion: 0x0304, suite: 0x1301, random: HRR_RANDOM })));
    expect(hrr.summary).toBe('HelloRetryRequest: TLSv1.3 · TLS_AES_128_GCM_SHA256');
    const [again] = flow.feed('c2s', record(HANDSHAKE, clientHello({ versions: [0x0304], suites: [0x1301] })));
    expect(again.summary).toMatch(/^ClientHello/);
    expect(again.visibility).toBe('plaintext');
  });

  it('reads a plaintext alert, such as the answer to a fallback (RFC 7507 §3)', () => {
    const [row] = new TlsFlow().feed('s2c', record(ALERT, Buffer.from([2, 86])));
    expect(row.summary).toBe('Alert: fatal inappropriate_fallback');
    expect(row.rule).toBe('RFC 7507 §3');
  });

  it('names TLS 1.2 handshake messages sent in the clear and hides those after ChangeCipherSpec', () => {
    const flow = new TlsFlow();
    const flight = Buffer.concat([serverHello({ suite: 0xc02f }), handshake(11, Buffer.alloc(20)), handshake(12, Buffer.alloc(10)), handshake(14, Buffer.alloc(0))]);
    const [hello] = flow.feed('s2c', record(HANDSHAKE, flight));
    expect(hello.summary).toBe('ServerHello: TLSv1.2 · TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 + Certificate, ServerKeyExchange, ServerHelloDone');
    const rows = flow.feed('c2s', Buffer.concat([record(HANDSHAKE, handshake(16, Buffer.alloc(33))), record(CCS, Buffer.from([1])), record(HANDSHAKE, Buffer.alloc(40, 0x5a))]));
    expect(rows.map((r) => [r.summary, r.visibility])).toEqual([
      ['ClientKeyExchange', 'plaintext'],
      ['ChangeCipherSpec', 'plaintext'],
      ['Encrypted records (45 octets, encrypted)', 'encrypted'],
    ]);
  });

  it('reassembles a ClientHello split over two records', () => {
    const hello = clientHello({ versions: [0x0304], suites: [0x1301], sni: 'mx.example.jp' });
    const flow = new TlsFlow();
    const first = flow.feed('c2s', record(HANDSHAKE, hello.subarray(0, 20)));
    expect(first[0].summary).toBe('Handshake fragment (20 octets)');
    const [second] = flow.feed('c2s', record(HANDSHAKE, hello.subarray(20)));
    expect(second.summary).toMatch(/^ClientHello: offers TLSv1.3 · 1 cipher suites · SNI mx.example.jp/);
  });

  it('turns a malformed hello into a row, not an exception', () => {
    const broken = handshake(1, Buffer.from([3, 3, 1, 2]));
    const [row] = new TlsFlow().feed('c2s', record(HANDSHAKE, broken));
    expect(row.summary).toMatch(/malformed: ClientHello: truncated/);
  });

  it('says "not TLS" for plaintext where TLS was expected, then shows the rest as opaque', () => {
    const flow = new TlsFlow();
    const [first] = flow.feed('s2c', Buffer.from('500 not TLS here\r\n'));
    expect(first.summary).toMatch(/^Not TLS \(content type 53/);
    expect(first.summary).toContain('500 not TLS here');
    const [next] = flow.feed('s2c', Buffer.from('bye\r\n'));
    expect(next.summary).toBe('Opaque data (5 octets): bye\\r\\n');
    expect(next.detail.kind).toBe('opaque');
  });

  it('after non-TLS bytes before the ServerHello, decodes the ServerHello and labels what follows encrypted', () => {
    const flow = new TlsFlow();
    const rows = flow.feed('s2c', Buffer.concat([
      Buffer.from('250-mx.example.jp\r\n250 AUTH PLAIN LOGIN\r\n'),
      record(HANDSHAKE, serverHello({ selectedVersion: 0x0304, suite: 0x1302 })),
      record(APP, Buffer.alloc(100)),
    ]));
    expect(rows.map((r) => [r.detail.kind, r.summary.slice(0, 30), r.visibility])).toEqual([
      ['not-tls', 'Not TLS (content type 50 is no', 'plaintext'],
      ['handshake', 'ServerHello: TLSv1.3 · TLS_AES', 'plaintext'],
      ['encrypted', 'ApplicationData (105 octets, e', 'encrypted'],
    ]);
  });

  it('reports a record left incomplete at close', () => {
    const flow = new TlsFlow();
    expect(flow.feed('c2s', record(APP, Buffer.alloc(50)).subarray(0, 20))).toEqual([]);
    const [row] = flow.finish();
    expect(row.summary).toBe('Incomplete TLS record at close (20 octets)');
  });
});

describe('TLS names', () => {
  it('names the suites a lab learner meets, GREASE and unknown codes', () => {
    expect(cipherSuiteName(0x5600)).toBe('TLS_FALLBACK_SCSV');
    expect(cipherSuiteName(0x00ff)).toBe('TLS_EMPTY_RENEGOTIATION_INFO_SCSV');
    expect(cipherSuiteName(0x1303)).toBe('TLS_CHACHA20_POLY1305_SHA256');
    expect(cipherSuiteName(0x2a2a)).toBe('GREASE');
    expect(cipherSuiteName(0x1234)).toBe('0x1234');
  });
});
