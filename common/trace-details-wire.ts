// The `detail` of smtp and tls rows: what the wire decoders (engine/protocol) read from the bytes.
// The engine builds these types and the UI reads them through the guards below, so a field that
// changes on one side fails type-checking on the other. What the decoders say about the bytes for
// people is a Text (notesText, errorText, noteText, reasonText) beside its English string; so is
// a row's own sentence about the bytes (summaryText), where its summary is not the bytes themselves.
import type { Text } from './i18n/text.ts';
import type { RowSentence } from './trace-details.ts';
import type { TraceEvent } from './trace.ts';

/** SMTP AUTH (RFC 4954) as an eavesdropper reads it: what the base64 says, per field. */
export interface AuthDecoded {
  mechanism: string;
  /** Absent fields were not sent yet. */
  username?: string;
  password?: string;
  authzid?: string;
  /** CRAM-MD5's answer to the challenge: HMAC-MD5 of it keyed with the password, in hex (RFC 2195 §2). */
  digest?: string;
  text?: string;
  cancelled?: boolean;
  invalidBase64?: boolean;
}

export interface ClientHelloInfo {
  legacyVersion: string;
  /** From supported_versions when present (RFC 8446 §4.2.1), else [legacyVersion]. */
  offeredVersions: string[];
  cipherSuites: string[];
  sni: string | null;
  alpn: string[];
  extensions: string[];
  /** RFC 7507 §2: the client says this is a fallback retry. */
  fallbackScsv: boolean;
}

export interface ServerHelloInfo {
  helloRetryRequest: boolean;
  legacyVersion: string;
  /** From supported_versions when present, else the legacy version field. */
  version: string;
  cipherSuite: string;
  extensions: string[];
  /** RFC 8446 §4.1.3 sentinel in the last 8 octets of the random, or null. */
  downgradeSentinel: 'TLSv1.2' | 'TLSv1.1-or-below' | null;
}

/** What a decoder says about the bytes: in English (notes) and as Texts in the reader's language (notesText). */
export type WireNotes = { notes?: string[]; notesText?: Text[] };

/**
 * Where the bytes were read: inside a TLS session (the receiver or the attacker decrypted them), or
 * in plaintext after STARTTLS, before the handshake, where the peer must discard them (RFC 3207 §6).
 */
export type WirePlace = { insideTls?: boolean; afterStarttls?: boolean };

/** The RFC 5321 line rules a command line breaks. */
export type SmtpLineFlags = {
  tooLong?: { length: number; limit: number; rule: string; atLeast?: boolean };
  bareLf?: boolean;
  unterminated?: boolean;
  nonUtf8?: boolean;
};

export type SmtpCommandDetail = WirePlace & WireNotes & SmtpLineFlags & RowSentence & { kind: 'command'; verb: string; args: string; auth?: AuthDecoded };

/** A client line after a 334 challenge (RFC 4954 §4). */
export type SmtpAuthResponseDetail = WirePlace & WireNotes & SmtpLineFlags & RowSentence & { kind: 'auth-response'; line: string; auth: AuthDecoded };

/** More octets of a line too long to wait for its end. */
export type SmtpContinuationDetail = WirePlace & RowSentence & { kind: 'continuation'; octets: number; lineLength: number };

export type SmtpReplyDetail = WirePlace &
  WireNotes &
  RowSentence & {
    kind: 'reply';
    /** null: the line did not start with a three-digit code (RFC 5321 §4.2). */
    code: number | null;
    lines: string[];
    /** The command it answers; null for the greeting. */
    inReplyTo: string | null;
    /** What the base64 of a 334 challenge says. */
    decoded?: string;
    /** EHLO keywords of a 2xx reply to EHLO. */
    extensions?: string[];
    malformed?: boolean;
    truncated?: boolean;
    bareLf?: boolean;
    nonUtf8?: boolean;
    incomplete?: boolean;
  };

/** The message after DATA + 354, up to the "." line (RFC 5321 §4.1.1.4). */
export type SmtpDataDetail = WirePlace &
  WireNotes &
  RowSentence & {
    kind: 'data';
    /** False: the connection closed before CRLF.CRLF. */
    complete: boolean;
    size: number;
    lines: number;
    subject: string | null;
    headerFields: number;
    dotStuffedLines: number;
    bareLfLines: number;
    longLines: number;
    maxLineLength: number;
    nonUtf8: boolean;
    /** The row keeps at most 1 MiB of the message; rawOctets is how many it stands for. */
    rawTruncated?: boolean;
    rawOctets?: number;
  };

/** What the receiver did with lines a client pipelined after STARTTLS (RFC 3207 §6). */
export type StarttlsBufferDetail = {
  kind: 'starttls-buffer';
  action: 'discarded' | 'executed';
  commands: string[];
  /** Lines past what the receiver keeps for the trace. */
  dropped: number;
  by: string;
  summaryText: Text;
};

/** The `detail` of an `smtp` row. */
export type SmtpDetail = SmtpCommandDetail | SmtpAuthResponseDetail | SmtpContinuationDetail | SmtpReplyDetail | SmtpDataDetail | StarttlsBufferDetail;

/** The header of a TLS record (RFC 8446 §5.1), version as "0x0303". */
export type TlsRecordHeader = { contentType: number; version: string; length: number };

export type TlsHandshakeDetail = RowSentence & {
  kind: 'handshake';
  /** The handshake messages that completed in this record, by name. */
  messages: string[];
  record: TlsRecordHeader;
  clientHello?: ClientHelloInfo;
  serverHello?: ServerHelloInfo;
  /** Why a message did not parse, in English, and as a Text. */
  error?: string;
  errorText?: Text;
};

export type TlsEncryptedDetail = RowSentence & {
  kind: 'encrypted';
  records: number;
  octets: number;
  contentTypes: number[];
  note?: string;
  noteText?: Text;
};

/** Bytes that are not TLS: where they start (not-tls, with why) or a later piece of them (opaque). */
export type TlsNotTlsDetail = RowSentence & { kind: 'not-tls' | 'opaque'; reason: string; reasonText?: Text; octets: number; preview: string };

/** The `detail` of a `tls` row. */
export type TlsDetail = RowSentence &
  (
    | TlsHandshakeDetail
    | { kind: 'change_cipher_spec'; record: TlsRecordHeader }
    /** level: "fatal", "warning" or "level N"; description: the RFC 8446 §6 name. */
    | { kind: 'alert'; level: string; description: string; code?: number; record: TlsRecordHeader }
    | { kind: 'record'; record: TlsRecordHeader }
    | TlsEncryptedDetail
    /** A record cut off by the close of the connection. */
    | { kind: 'incomplete'; octets: number }
    | TlsNotTlsDetail
    /** The receiver's TLS session came up (the terminating side's view, not bytes on the wire). */
    | { kind: 'session'; version: string; cipher: string; sni: string | null; by: string }
  );

type Fields = Record<string, unknown>;

const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');
const isNumbers = (value: unknown): value is number[] => Array.isArray(value) && value.every((v) => typeof v === 'number');
const isSentence = (value: unknown): value is Text => isFields(value) && typeof value.key === 'string';
const optional = (value: unknown, check: (v: unknown) => boolean) => value === undefined || check(value);
const isAuth = (value: unknown) => isFields(value) && typeof value.mechanism === 'string';

const SMTP_CHECKS: Record<SmtpDetail['kind'], (d: Fields) => boolean> = {
  command: (d) => typeof d.verb === 'string' && typeof d.args === 'string' && optional(d.auth, isAuth),
  'auth-response': (d) => typeof d.line === 'string' && isAuth(d.auth),
  continuation: (d) => typeof d.octets === 'number' && typeof d.lineLength === 'number',
  reply: (d) => (d.code === null || typeof d.code === 'number') && isStrings(d.lines) && (d.inReplyTo === null || typeof d.inReplyTo === 'string') && optional(d.extensions, isStrings),
  data: (d) => typeof d.complete === 'boolean' && typeof d.size === 'number' && typeof d.lines === 'number' && (d.subject === null || typeof d.subject === 'string'),
  'starttls-buffer': (d) => isStrings(d.commands) && isSentence(d.summaryText),
};

/** The detail of an smtp row, or null when the event is not one or its fields are not what the engine writes. */
export function smtpDetail(event: Pick<TraceEvent, 'layer' | 'detail'>): SmtpDetail | null {
  const d = event.detail;
  if (event.layer !== 'smtp' || !isFields(d) || typeof d.kind !== 'string' || !Object.hasOwn(SMTP_CHECKS, d.kind)) return null;
  return SMTP_CHECKS[d.kind as SmtpDetail['kind']](d) ? (d as SmtpDetail) : null;
}

const isRecordHeader = (value: unknown) => isFields(value) && typeof value.contentType === 'number' && typeof value.length === 'number';
const isClientHello = (value: unknown) => isFields(value) && isStrings(value.offeredVersions) && isStrings(value.cipherSuites);
const isServerHello = (value: unknown) => isFields(value) && typeof value.version === 'string' && typeof value.cipherSuite === 'string';
const isNotTls = (d: Fields) => typeof d.reason === 'string' && typeof d.octets === 'number' && typeof d.preview === 'string';

const TLS_CHECKS: Record<TlsDetail['kind'], (d: Fields) => boolean> = {
  handshake: (d) => isStrings(d.messages) && isRecordHeader(d.record) && optional(d.clientHello, isClientHello) && optional(d.serverHello, isServerHello),
  change_cipher_spec: (d) => isRecordHeader(d.record),
  alert: (d) => typeof d.level === 'string' && typeof d.description === 'string' && isRecordHeader(d.record),
  record: (d) => isRecordHeader(d.record),
  encrypted: (d) => typeof d.records === 'number' && typeof d.octets === 'number' && isNumbers(d.contentTypes),
  incomplete: (d) => typeof d.octets === 'number',
  'not-tls': isNotTls,
  opaque: isNotTls,
  session: (d) => typeof d.version === 'string' && typeof d.cipher === 'string' && typeof d.by === 'string',
};

/** The detail of a tls row, or null when the event is not one or its fields are not what the engine writes. */
export function tlsDetail(event: Pick<TraceEvent, 'layer' | 'detail'>): TlsDetail | null {
  const d = event.detail;
  if (event.layer !== 'tls' || !isFields(d) || typeof d.kind !== 'string' || !Object.hasOwn(TLS_CHECKS, d.kind)) return null;
  return TLS_CHECKS[d.kind as TlsDetail['kind']](d) ? (d as TlsDetail) : null;
}
