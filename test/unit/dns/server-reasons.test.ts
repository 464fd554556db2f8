// Why the lab DNS server drops or refuses a packet (RFC 1035 §4.1, RFC 6891 §6.1), and why the
// resolver got no usable reply: the same reason in English and Japanese, the protocol names
// (QR, QDCOUNT, OPT, IN) as they are.
import dnsPacket from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { renderText } from '../../../common/i18n/text.ts';
import { errorSentence } from '../../../common/i18n/text-error.ts';
import { dropForger, forgedExchange } from '../../../engine/dns/resolver/forger.ts';
import { decodeReply, encodeQuery } from '../../../engine/dns/resolver/query-wire.ts';
import { respond } from '../../../engine/dns/server/respond.ts';
import { japaneseProblems } from '../../support/english-sentences.ts';

/** A DNS header (id 7) with the given flags and counts, then `rest`. */
function packet(flags: number, counts: [number, number, number, number], rest: number[] = []): Buffer {
  const head = Buffer.alloc(12);
  head.writeUInt16BE(7, 0);
  head.writeUInt16BE(flags, 2);
  counts.forEach((count, i) => head.writeUInt16BE(count, 4 + i * 2));
  return Buffer.concat([head, Buffer.from(rest)]);
}
const question = (labels: string[], type: number, qclass = 1) => [...labels.flatMap((l) => [l.length, ...Buffer.from(l)]), 0, type >> 8, type & 0xff, qclass >> 8, qclass & 0xff];

const CASES: [string, Buffer, string, string, string][] = [
  ['a packet shorter than a header is dropped', Buffer.from([1, 2, 3]), '-', 'shorter than a DNS header (12 octets)', 'DNS ヘッダー（12 オクテット）より短い'],
  ['a response is dropped', packet(0x8000, [1, 0, 0, 0]), '-', 'QR is set: a response is never answered', 'QR ビットが立っている：応答には答えない'],
  ['two questions', packet(0, [2, 0, 0, 0], question(['example', 'jp'], 15)), 'FORMERR', 'QDCOUNT is 2; a query carries exactly one question', 'QDCOUNT が 2。問い合わせに入る質問はちょうど 1 つ'],
  ['a pointer in the question name', packet(0, [1, 0, 0, 0], [0xc0, 0x0c, 0, 1, 0, 1]), 'FORMERR', 'compression pointer in the question name', '質問の名前に圧縮ポインタがある'],
  ['a zone transfer', packet(0, [1, 0, 0, 0], question(['example', 'jp'], 252)), 'REFUSED', 'zone transfers are not offered', 'ゾーン転送は提供していない'],
  ['class CH', packet(0, [1, 0, 0, 0], question(['example', 'jp'], 1, 3)), 'REFUSED', 'class 3 is not served (only IN)', 'クラス 3 は扱わない（IN のみ）'],
];

describe('the lab DNS server says why it drops or refuses a query', () => {
  it.each(CASES)('%s', (_, bytes, rcode, en, ja) => {
    const reply = respond([], bytes, 'udp');
    expect(reply.rcode).toBe(rcode);
    expect(reply.reason).toBe(en);
    expect(reply.reasonText && renderText('ja', reply.reasonText)).toBe(ja);
    expect(japaneseProblems(ja)).toEqual([]);
  });
});

describe('the resolver says why a reply is of no use', () => {
  const query = encodeQuery('example.jp', 'MX');
  const reply = dnsPacket.encode({ type: 'response', id: query.id, questions: [{ name: 'example.jp', type: 'MX' }], answers: [] });
  const said = (error: unknown) => {
    const sentence = errorSentence(error);
    return typeof sentence === 'string' ? { en: sentence, ja: sentence } : { en: renderText('en', sentence), ja: renderText('ja', sentence) };
  };

  it('a reply dropped on the path', async () => {
    const exchange = forgedExchange(async () => reply, () => [dropForger('example.jp', 'MX')]);
    const error = await exchange(query.bytes).then(() => null, (e: unknown) => e);
    expect(said(error)).toEqual({ en: 'the reply was dropped on the path (drop example.jp MX)', ja: '応答が経路上で捨てられた（drop example.jp MX）' });
  });

  it('a reply to another query', () => {
    let error: unknown = null;
    try {
      decodeReply(reply, (query.id + 1) % 65536, 'example.jp', 'MX');
    } catch (e) {
      error = e;
    }
    expect(said(error).ja).toBe(`応答の ID ${query.id} が問い合わせの ID ${(query.id + 1) % 65536} と一致しない`);
  });
});
