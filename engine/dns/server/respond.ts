// One query in, one reply out, sans-IO: parse, answer from the zones, encode, truncate for UDP
// (RFC 1035 §4.2.1, RFC 6891 §6.2.5, RFC 2181 §9). Never throws.
import dnsPacket from 'dns-packet';
import { said, text, type Text } from '../../../common/i18n/text.ts';
import { errorSentence } from '../../../common/i18n/text-error.ts';
import type { Answer } from 'dns-packet';
import { typeName, type Rr } from '../wire/records.ts';
import type { PublishedZone } from '../zone/published-zone.ts';
import { answerQuestion, type AuthorityAnswer } from './authority.ts';
import { parseQuery, type ParsedQuery } from './query-parse.ts';

export const RCODES: Record<string, number> = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5, BADVERS: 16 };
/** The UDP payload size this server advertises (DNS flag day 2020 value). */
export const SERVER_UDP_SIZE = 1232;

export interface Reply {
  /** null: the packet is dropped. */
  bytes: Buffer | null;
  rcode: string;
  question: { name: string; type: string } | null;
  truncated: boolean;
  rule: string;
  /** English: what the answer is, or why the query was dropped, refused or failed. */
  reason: string;
  /** The same in the reader's language. */
  reasonText?: Text;
}

interface Envelope {
  id: number;
  opcode: number;
  rcode: string;
  authoritative: boolean;
  rd: boolean;
  cd: boolean;
  questionWire: Buffer | null;
  edns: { dnssecOk: boolean } | null;
  answers: Rr[];
  authorities: Rr[];
  additionals: Rr[];
  truncated?: boolean;
}

function encodeEnvelope(e: Envelope): Buffer {
  const code = RCODES[e.rcode] ?? 2;
  let flags = (e.opcode << 11) | (code & 0xf);
  if (e.authoritative) flags |= dnsPacket.AUTHORITATIVE_ANSWER;
  if (e.rd) flags |= dnsPacket.RECURSION_DESIRED;
  if (e.cd) flags |= dnsPacket.CHECKING_DISABLED;
  if (e.truncated) flags |= dnsPacket.TRUNCATED_RESPONSE;
  const additionals: Answer[] = [...e.additionals];
  if (e.edns) {
    additionals.push({ type: 'OPT', name: '.', udpPayloadSize: SERVER_UDP_SIZE, extendedRcode: code >> 4, flags: e.edns.dnssecOk ? dnsPacket.DNSSEC_OK : 0, options: [] } as unknown as Answer);
  }
  const body = dnsPacket.encode({ id: e.id, type: 'response', flags, questions: [], answers: e.answers, authorities: e.authorities, additionals });
  if (!e.questionWire) return body;
  const out = Buffer.concat([body.subarray(0, 12), e.questionWire, body.subarray(12)]);
  out.writeUInt16BE(1, 4);
  return out;
}

function limitFor(query: ParsedQuery, transport: 'udp' | 'tcp'): number {
  if (transport === 'tcp') return 65535;
  return query.edns ? Math.min(query.edns.udpSize, 4096) : 512;
}

export function respond(zones: PublishedZone[], packet: Buffer, transport: 'udp' | 'tcp'): Reply {
  let parsed;
  try {
    parsed = parseQuery(packet);
  } catch (error) {
    return { bytes: null, rcode: '-', question: null, truncated: false, rule: 'RFC 1035 §4.1', ...said(text('dnsServer.unreadable', { error: errorSentence(error) })) };
  }
  if (parsed.kind === 'drop') return { bytes: null, rcode: '-', question: null, truncated: false, rule: 'RFC 1035 §4.1.1', reason: parsed.reason, reasonText: parsed.reasonText };
  if (parsed.kind === 'reject') {
    const bytes = encodeEnvelope({ id: parsed.id, opcode: parsed.opcode, rcode: parsed.rcode, authoritative: false, rd: false, cd: false, questionWire: parsed.questionWire, edns: parsed.edns ? { dnssecOk: false } : null, answers: [], authorities: [], additionals: [] });
    return { bytes, rcode: parsed.rcode, question: null, truncated: false, rule: parsed.rule, reason: parsed.reason, reasonText: parsed.reasonText };
  }
  const question = { name: parsed.name, type: typeName(parsed.type) };
  const dnssecOk = parsed.edns?.dnssecOk ?? false;
  let answer: AuthorityAnswer;
  const base = { id: parsed.id, opcode: 0, rd: parsed.recursionDesired, cd: parsed.checkingDisabled, questionWire: parsed.questionWire, edns: parsed.edns ? { dnssecOk } : null };
  try {
    answer = answerQuestion(zones, { name: parsed.name, type: question.type, dnssecOk });
    const envelope: Envelope = { ...base, rcode: answer.rcode, authoritative: answer.authoritative, answers: answer.answers, authorities: answer.authorities, additionals: answer.additionals };
    let bytes = encodeEnvelope(envelope);
    const limit = limitFor(parsed, transport);
    let truncated = false;
    if (bytes.length > limit) {
      // RFC 2181 §9: what does not fit is not sent in part; TC tells the client to ask over TCP.
      truncated = true;
      bytes = encodeEnvelope({ ...envelope, answers: [], authorities: [], additionals: [], truncated: true });
    }
    return { bytes, rcode: answer.rcode, question, truncated, rule: answer.rule, ...said(answer.reasonText) };
  } catch (error) {
    const bytes = encodeEnvelope({ ...base, rcode: 'SERVFAIL', authoritative: false, answers: [], authorities: [], additionals: [] });
    return { bytes, rcode: 'SERVFAIL', question, truncated: false, rule: 'RFC 1035 §4.1.1', ...said(text('dnsServer.failure', { error: errorSentence(error) })) };
  }
}
