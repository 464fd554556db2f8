// Query octets out, response sections in: the resolver's side of the wire format.
import { randomInt } from 'node:crypto';
import dnsPacket from 'dns-packet';
import type { Answer } from 'dns-packet';
import { text } from '../../../common/i18n/text.ts';
import { TextError } from '../../../common/i18n/text-error.ts';
import type { ResponseSections } from '../dnssec/classify-answer.ts';
import { normalizeName } from '../wire/names.ts';
import type { Rr } from '../wire/records.ts';

export const CLIENT_UDP_SIZE = 1232;

export function encodeQuery(name: string, type: string): { id: number; bytes: Buffer } {
  const id = randomInt(0, 0x10000);
  const bytes = dnsPacket.encode({
    type: 'query',
    id,
    flags: 0,
    questions: [{ name, type: type as never, class: 'IN' }],
    // RFC 4035 §4.9.1 / RFC 3225: a security-aware stub sets DO to receive RRSIG and NSEC.
    additionals: [{ type: 'OPT', name: '.', udpPayloadSize: CLIENT_UDP_SIZE, flags: dnsPacket.DNSSEC_OK } as unknown as Answer],
  });
  return { id, bytes };
}

export interface DecodedReply extends ResponseSections {
  id: number;
  authoritative: boolean;
  truncated: boolean;
  additionals: Rr[];
}

function toRrs(list: Answer[] | undefined): Rr[] {
  return (list ?? [])
    .filter((rr) => rr.type !== 'OPT')
    .map((rr) => ({ ...rr, name: normalizeName(rr.name), ttl: (rr as { ttl?: number }).ttl ?? 0 }) as Rr);
}

/** Decodes a reply and checks it answers our question (RFC 5452 §9.1); throws when it does not. */
export function decodeReply(bytes: Buffer, id: number, name: string, type: string): DecodedReply {
  const reply = replySections(bytes);
  if (reply.id !== id) throw new TextError(text('dnsWire.idMismatch', { reply: reply.id, query: id }));
  const q = reply.question;
  if (!q || normalizeName(q.name) !== normalizeName(name) || q.type !== type) throw new TextError(text('dnsWire.questionMismatch'));
  return reply;
}

/** Decodes any reply without checking whose question it answers (a relay on the path reads it so). */
export function replySections(bytes: Buffer): DecodedReply & { question?: { name: string; type: string } } {
  const packet = dnsPacket.decode(bytes);
  const q = packet.questions?.[0];
  return {
    id: packet.id ?? 0,
    ...(q ? { question: { name: normalizeName(q.name), type: q.type } } : {}),
    rcode: (packet as unknown as { rcode: string }).rcode ?? 'NOERROR',
    authoritative: packet.flag_aa,
    truncated: packet.flag_tc,
    answers: toRrs(packet.answers),
    authorities: toRrs(packet.authorities),
    additionals: toRrs(packet.additionals),
  };
}
