// One TLS connection seen from the wire, sans-IO: records of both directions in, trace rows
// out. What an eavesdropper can read (hellos, plaintext alerts, TLS 1.2 certificates) is
// decoded and marked plaintext; everything protected by the record keys is opaque.

import { english, text, type Text } from '../../common/i18n/text.ts';
import type { TlsDetail, TlsEncryptedDetail, TlsHandshakeDetail, TlsNotTlsDetail, TlsRecordHeader } from '../../common/trace-details-wire.ts';
import { TruncatedInput } from './byte-reader.ts';
import { rawOf, type DecodedEvent, type WireDir } from './decoded-event.ts';
import { clip, displayText } from './text-escape.ts';
import { parseClientHello, parseServerHello, type ClientHelloInfo, type ServerHelloInfo } from './tls-hello.ts';
import { alertName, handshakeTypeName } from './tls-names.ts';
import {
  CT_ALERT,
  CT_APPLICATION_DATA,
  CT_CHANGE_CIPHER_SPEC,
  CT_HANDSHAKE,
  TlsRecordReader,
  type TlsRecord,
} from './tls-records.ts';

const MAX_HANDSHAKE_MESSAGE = 1 << 16;

interface EncryptedRun {
  raws: Buffer[];
  records: number;
  octets: number;
  types: Set<number>;
}

interface HandshakeParse {
  messages: string[];
  clientHello?: ClientHelloInfo;
  serverHello?: ServerHelloInfo;
  error?: Text;
}

/** Why a handshake message of this type did not parse, as a sentence. */
function unreadable(type: number, err: unknown): Text {
  const message = handshakeTypeName(type);
  if (err instanceof TruncatedInput) return text('wire.handshakeTruncated', { message, needed: err.needed, left: err.left });
  return text('wire.handshakeUnreadable', { message, error: err instanceof Error ? err.message : String(err) });
}

export class TlsFlow {
  // Bytes that are not TLS (say, a reply a man in the middle put before the ServerHello) do not
  // end the decoding: the reader picks up again at the next record header (RFC 8446 §5.1).
  private readonly readers = { c2s: new TlsRecordReader({ resync: true }), s2c: new TlsRecordReader({ resync: true }) };
  private readonly handshake = { c2s: Buffer.alloc(0), s2c: Buffer.alloc(0) };
  private readonly encrypted = { c2s: false, s2c: false };
  /** Version the server chose, once its ServerHello was seen. */
  version: string | null = null;
  cipherSuite: string | null = null;

  feed(dir: WireDir, chunk: Buffer): DecodedEvent[] {
    const out: DecodedEvent[] = [];
    let run: EncryptedRun | null = null;
    const flush = () => {
      if (run) out.push(this.encryptedRow(dir, run));
      run = null;
    };
    for (const part of this.readers[dir].push(chunk).parts) {
      if ('notTls' in part) {
        flush();
        out.push(this.notTlsRow(dir, part.notTls, part.notTls.bytes, part.notTls.continued === true));
        continue;
      }
      const record = part.record;
      if (this.isOpaque(dir, record)) {
        run ??= { raws: [], records: 0, octets: 0, types: new Set() };
        run.raws.push(record.raw);
        run.records++;
        run.octets += record.raw.length;
        run.types.add(record.contentType);
        continue;
      }
      flush();
      out.push(this.recordRow(dir, record));
    }
    flush();
    return out;
  }

  /** Rows for whatever was left half-received when the connection closed. */
  finish(): DecodedEvent[] {
    const out: DecodedEvent[] = [];
    for (const dir of ['c2s', 's2c'] as const) {
      const rest = this.readers[dir].takePending();
      if (rest.length === 0) continue;
      const summaryText = text('row.incomplete', { octets: rest.length });
      const detail: TlsDetail = { kind: 'incomplete', octets: rest.length, summaryText };
      out.push({
        layer: 'tls',
        dir,
        raw: rawOf(rest),
        summary: english(summaryText),
        detail,
        visibility: this.encrypted[dir] ? 'encrypted' : 'plaintext',
      });
    }
    return out;
  }

  private isOpaque(dir: WireDir, record: TlsRecord): boolean {
    if (record.contentType === CT_APPLICATION_DATA) return true;
    if (record.contentType === CT_CHANGE_CIPHER_SPEC) return false;
    if (record.contentType === CT_ALERT) return this.encrypted[dir] && record.fragment.length !== 2 ? true : false;
    return this.encrypted[dir];
  }

  private encryptedRow(dir: WireDir, run: EncryptedRun): DecodedEvent {
    const appDataOnly = run.types.size === 1 && run.types.has(CT_APPLICATION_DATA);
    const count = run.records > 1 ? ` ×${run.records}` : '';
    const summaryText = text(appDataOnly ? 'row.appData' : 'row.encryptedRecords', { count, octets: run.octets });
    // RFC 8446 §5.2: TLS 1.3 hides the real content type, so the rest of the handshake also
    // travels as application_data records.
    const note = this.version === 'TLSv1.3' ? text('wire.tls13Encrypted') : null;
    const detail: TlsEncryptedDetail = {
      kind: 'encrypted',
      records: run.records,
      octets: run.octets,
      contentTypes: [...run.types],
      ...(note ? { note: english(note), noteText: note } : {}),
      summaryText,
    };
    return {
      layer: 'tls',
      dir,
      raw: rawOf(Buffer.concat(run.raws)),
      summary: english(summaryText),
      detail,
      visibility: 'encrypted',
    };
  }

  private recordRow(dir: WireDir, record: TlsRecord): DecodedEvent {
    const base = { layer: 'tls' as const, dir, raw: rawOf(record.raw) };
    const recordInfo: TlsRecordHeader = { contentType: record.contentType, version: `0x${record.version.toString(16).padStart(4, '0')}`, length: record.fragment.length };
    if (record.contentType === CT_CHANGE_CIPHER_SPEC) {
      // From here on this direction's records are protected (RFC 5246 §7.1); TLS 1.3 sends it
      // only for middlebox compatibility (RFC 8446 Appendix D.4).
      this.encrypted[dir] = true;
      return { ...base, summary: 'ChangeCipherSpec', detail: { kind: 'change_cipher_spec', record: recordInfo } satisfies TlsDetail, visibility: 'plaintext' };
    }
    if (record.contentType === CT_ALERT) {
      const level = record.fragment[0] === 2 ? 'fatal' : record.fragment[0] === 1 ? 'warning' : `level ${record.fragment[0]}`;
      const description = alertName(record.fragment[1] ?? -1);
      return {
        ...base,
        summary: `Alert: ${level} ${description}`,
        detail: { kind: 'alert', level, description, ...(record.fragment.length > 1 ? { code: record.fragment[1] } : {}), record: recordInfo } satisfies TlsDetail,
        visibility: 'plaintext',
        ...(description === 'inappropriate_fallback' ? { rule: 'RFC 7507 §3' } : {}),
      };
    }
    if (record.contentType === CT_HANDSHAKE) return this.handshakeRow(dir, record, base, recordInfo);
    const summaryText = text('row.record', { type: record.contentType, octets: record.fragment.length });
    return {
      ...base,
      summary: english(summaryText),
      detail: { kind: 'record', record: recordInfo, summaryText } satisfies TlsDetail,
      visibility: 'plaintext',
    };
  }

  private handshakeRow(dir: WireDir, record: TlsRecord, base: { layer: 'tls'; dir: WireDir; raw: string }, recordInfo: TlsRecordHeader): DecodedEvent {
    const parsed = this.takeHandshakeMessages(dir, record.fragment);
    // Message, version and cipher suite names are TLS's own; only the words around them are the lab's.
    const parts: (string | Text)[] = [];
    let rule: string | undefined;
    if (parsed.clientHello) {
      const ch = parsed.clientHello;
      let extras = ch.sni ? ` · SNI ${ch.sni}` : '';
      if (ch.fallbackScsv) {
        extras += ' · TLS_FALLBACK_SCSV';
        rule = 'RFC 7507 §2';
      }
      parts.push(text('row.clientHello', { versions: ch.offeredVersions.join(', '), count: ch.cipherSuites.length, extras }));
    }
    if (parsed.serverHello) {
      const sh = parsed.serverHello;
      const hello = sh.helloRetryRequest ? 'HelloRetryRequest' : 'ServerHello';
      if (sh.downgradeSentinel) {
        parts.push(text('row.serverHelloSentinel', { hello, version: sh.version, cipher: sh.cipherSuite, sentinel: sh.downgradeSentinel }));
        rule = 'RFC 8446 §4.1.3';
      } else parts.push(`${hello}: ${sh.version} · ${sh.cipherSuite}`);
      if (!sh.helloRetryRequest) {
        this.version = sh.version;
        this.cipherSuite = sh.cipherSuite;
        // RFC 8446 §2: after ServerHello every TLS 1.3 handshake message is encrypted.
        if (sh.version === 'TLSv1.3') this.encrypted.c2s = this.encrypted.s2c = true;
      }
    }
    const others = parsed.messages.filter((m) => m !== 'ClientHello' && m !== 'ServerHello' && m !== 'HelloRetryRequest');
    if (others.length) parts.push(parts.length ? `+ ${others.join(', ')}` : others.join(', '));
    if (parsed.error) parts.push(text('row.handshakeMalformed', { error: parsed.error }));
    if (parts.length === 0) parts.push(text('row.handshakeFragment', { octets: record.fragment.length }));
    const summaryText = joinParts(parts);
    return {
      ...base,
      summary: english(summaryText),
      detail: {
        kind: 'handshake',
        messages: parsed.messages,
        record: recordInfo,
        ...(parsed.clientHello ? { clientHello: parsed.clientHello } : {}),
        ...(parsed.serverHello ? { serverHello: parsed.serverHello } : {}),
        ...(parsed.error ? { error: english(parsed.error), errorText: parsed.error } : {}),
        ...(typeof summaryText === 'string' ? {} : { summaryText }),
      } satisfies TlsHandshakeDetail,
      visibility: 'plaintext',
      ...(rule ? { rule } : {}),
    };
  }

  private takeHandshakeMessages(dir: WireDir, fragment: Buffer): HandshakeParse {
    let buf = this.handshake[dir].length ? Buffer.concat([this.handshake[dir], fragment]) : fragment;
    const result: HandshakeParse = { messages: [] };
    while (buf.length >= 4) {
      const type = buf[0];
      const length = buf.readUIntBE(1, 3);
      if (length > MAX_HANDSHAKE_MESSAGE) {
        result.error = text('wire.handshakeTooLong', { length });
        buf = Buffer.alloc(0);
        break;
      }
      if (buf.length < 4 + length) break;
      const body = buf.subarray(4, 4 + length);
      buf = buf.subarray(4 + length);
      try {
        if (type === 1) result.clientHello = parseClientHello(body);
        else if (type === 2) result.serverHello = parseServerHello(body);
      } catch (err) {
        result.error = unreadable(type, err);
      }
      result.messages.push(type === 2 && result.serverHello?.helloRetryRequest ? 'HelloRetryRequest' : handshakeTypeName(type));
    }
    this.handshake[dir] = Buffer.from(buf);
    return result;
  }

  private notTlsRow(dir: WireDir, why: { reason: string; reasonText?: Text }, bytes: Buffer, continuing: boolean): DecodedEvent {
    const reason = why.reason;
    const preview = clip(displayText(bytes.subarray(0, 120)).text, 80);
    const octets = bytes.length;
    const summaryText = continuing ? text('row.opaque', { octets, preview }) : text('row.notTls', { reason: why.reasonText ?? reason, octets, preview });
    const detail: TlsNotTlsDetail = { kind: continuing ? 'opaque' : 'not-tls', reason, ...(why.reasonText ? { reasonText: why.reasonText } : {}), octets, preview, summaryText };
    return {
      layer: 'tls',
      dir,
      raw: rawOf(bytes),
      summary: english(summaryText),
      detail,
      visibility: 'plaintext',
    };
  }
}

/** The parts of a handshake row, one after the other: a string when all of them are TLS's own names. */
function joinParts(parts: (string | Text)[]): string | Text {
  if (parts.every((part) => typeof part === 'string')) return parts.join(' ');
  return parts.reduce((first, next) => text('row.handshakeParts', { first, next }));
}
