// Reads a query off the wire, strictly, and decides the error replies before any lookup:
// drop, FORMERR, NOTIMP, BADVERS, REFUSED (RFC 1035 §4.1, RFC 6891 §6.1, RFC 9619).
import { english, text, type Text } from '../../../common/i18n/text.ts';
import { TextError } from '../../../common/i18n/text-error.ts';

export interface ParsedQuery {
  kind: 'query';
  id: number;
  /** Octets of the question section as received, echoed in the reply. */
  questionWire: Buffer;
  name: string;
  type: number;
  qclass: number;
  recursionDesired: boolean;
  checkingDisabled: boolean;
  edns: { udpSize: number; dnssecOk: boolean } | null;
}

export interface RejectedQuery {
  kind: 'reject';
  id: number;
  opcode: number;
  rcode: 'FORMERR' | 'NOTIMP' | 'REFUSED' | 'BADVERS';
  questionWire: Buffer | null;
  edns: boolean;
  rule: string;
  reason: string;
  reasonText: Text;
}

export interface DroppedQuery {
  kind: 'drop';
  reason: string;
  reasonText: Text;
}

export type QueryParse = ParsedQuery | RejectedQuery | DroppedQuery;

const MAX_NAME = 255;

interface NameRead {
  labels: Buffer[];
  end: number;
}

/** Reads a name at `offset`; pointers must point backwards (RFC 1035 §4.1.4). Throws on malformed input. */
function readName(buf: Buffer, offset: number, allowPointers: boolean): NameRead {
  const labels: Buffer[] = [];
  let pos = offset;
  let end = -1;
  let length = 1;
  for (let jumps = 0; jumps < 64; ) {
    if (pos >= buf.length) throw new TextError(text('dnsQuery.namePastEnd'));
    const len = buf[pos];
    if (len === 0) return { labels, end: end === -1 ? pos + 1 : end };
    if ((len & 0xc0) === 0xc0) {
      if (!allowPointers) throw new TextError(text('dnsQuery.pointerInQuestion'));
      if (pos + 1 >= buf.length) throw new TextError(text('dnsQuery.pointerTruncated'));
      const target = ((len & 0x3f) << 8) | buf[pos + 1];
      if (target >= pos) throw new TextError(text('dnsQuery.pointerForward'));
      if (end === -1) end = pos + 2;
      pos = target;
      jumps++;
      continue;
    }
    if ((len & 0xc0) !== 0) throw new TextError(text('dnsQuery.labelType', { type: `0x${(len & 0xc0).toString(16)}` }));
    if (pos + 1 + len > buf.length) throw new TextError(text('dnsQuery.labelPastEnd'));
    length += len + 1;
    if (length > MAX_NAME) throw new TextError(text('dnsQuery.nameTooLong'));
    labels.push(buf.subarray(pos + 1, pos + 1 + len));
    pos += 1 + len;
  }
  throw new TextError(text('dnsQuery.tooManyPointers'));
}

/** Label octets as presentation text: letters lower-cased, anything unusual as \DDD (RFC 4343 §2.1). */
export function labelText(label: Buffer): string {
  let out = '';
  for (const byte of label) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9_*-]/.test(ch) ? ch.toLowerCase() : `\\${String(byte).padStart(3, '0')}`;
  }
  return out;
}

function reject(id: number, opcode: number, rcode: RejectedQuery['rcode'], questionWire: Buffer | null, edns: boolean, rule: string, reasonText: Text): RejectedQuery {
  return { kind: 'reject', id, opcode, rcode, questionWire, edns, rule, reason: english(reasonText), reasonText };
}

const drop = (reasonText: Text): DroppedQuery => ({ kind: 'drop', reason: english(reasonText), reasonText });

/** The sentence of an error thrown while reading the packet: its own, or the runtime's message as it is. */
const problemOf = (error: unknown): Text => (error instanceof TextError ? error.text : text('text.plain', { text: (error as Error).message }));

export function parseQuery(buf: Buffer): QueryParse {
  if (buf.length < 12) return drop(text('dnsQuery.short'));
  const id = buf.readUInt16BE(0);
  const flags = buf.readUInt16BE(2);
  if (flags & 0x8000) return drop(text('dnsQuery.response'));
  const opcode = (flags >> 11) & 0xf;
  const counts = [4, 6, 8, 10].map((at) => buf.readUInt16BE(at));
  if (opcode !== 0) return reject(id, opcode, 'NOTIMP', null, false, 'RFC 1035 §4.1.1', text('dnsQuery.opcode', { opcode }));
  if (counts[0] !== 1) return reject(id, opcode, 'FORMERR', null, false, 'RFC 9619 §3', text('dnsQuery.qdcount', { count: counts[0] }));
  let name: NameRead;
  try {
    name = readName(buf, 12, false);
  } catch (error) {
    return reject(id, opcode, 'FORMERR', null, false, 'RFC 1035 §4.1.2', problemOf(error));
  }
  if (name.end + 4 > buf.length) return reject(id, opcode, 'FORMERR', null, false, 'RFC 1035 §4.1.2', text('dnsQuery.questionTruncated'));
  const questionWire = buf.subarray(12, name.end + 4);
  const type = buf.readUInt16BE(name.end);
  const qclass = buf.readUInt16BE(name.end + 2);
  let pos = name.end + 4;
  let edns: ParsedQuery['edns'] = null;
  let ednsVersion = 0;
  const records = counts[1] + counts[2] + counts[3];
  try {
    for (let i = 0; i < records; i++) {
      const owner = readName(buf, pos, true);
      if (owner.end + 10 > buf.length) throw new TextError(text('dnsQuery.rrHeaderTruncated'));
      const rrType = buf.readUInt16BE(owner.end);
      const rdlength = buf.readUInt16BE(owner.end + 8);
      if (owner.end + 10 + rdlength > buf.length) throw new TextError(text('dnsQuery.rdataPastEnd'));
      if (rrType === 41) {
        const inAdditional = i >= counts[1] + counts[2];
        if (!inAdditional || owner.labels.length !== 0) throw new TextError(text('dnsQuery.optPlace'));
        if (edns) throw new TextError(text('dnsQuery.optTwice'));
        const ttl = buf.readUInt32BE(owner.end + 4);
        ednsVersion = (ttl >>> 16) & 0xff;
        edns = { udpSize: Math.max(512, buf.readUInt16BE(owner.end + 2)), dnssecOk: (ttl & 0x8000) !== 0 };
      }
      pos = owner.end + 10 + rdlength;
    }
  } catch (error) {
    return reject(id, opcode, 'FORMERR', questionWire, false, 'RFC 1035 §4.1.3, RFC 6891 §6.1.1', problemOf(error));
  }
  if (edns && ednsVersion !== 0) return reject(id, opcode, 'BADVERS', questionWire, true, 'RFC 6891 §6.1.3', text('dnsQuery.ednsVersion', { version: ednsVersion }));
  if (type === 251 || type === 252) return reject(id, opcode, 'REFUSED', questionWire, edns !== null, 'RFC 5936 §2.2', text('dnsQuery.zoneTransfer'));
  if (qclass !== 1 && qclass !== 255) return reject(id, opcode, 'REFUSED', questionWire, edns !== null, 'RFC 1035 §4.1.1', text('dnsQuery.qclass', { qclass }));
  const presented = name.labels.map(labelText).join('.');
  return {
    kind: 'query',
    id,
    questionWire,
    name: presented === '' ? '.' : presented,
    type,
    qclass,
    recursionDesired: (flags & 0x0100) !== 0,
    checkingDisabled: (flags & 0x0010) !== 0,
    edns,
  };
}
