// One DNS message through a lab DNS link: the query is traced and sent on to the lab server over
// the transport it came on; the reply passes the forgers on the path and is traced as delivered,
// which is what the asking tool acts on. Never rejects: a failure is a trace row and no reply.

import dnsPacket from 'dns-packet';
import { nodeText } from '../../common/i18n/node-names.ts';
import { english, text } from '../../common/i18n/text.ts';
import type { TraceLink } from '../../common/trace.ts';
import type { NoteDetail } from '../../common/trace-details.ts';
import { forgeryEvent, queryEvent, replyEvent, type DnsEmit } from '../dns/resolver/dns-trace.ts';
import { tcpExchange, udpExchange } from '../dns/resolver/exchange.ts';
import { forgedExchange, type DnsForger } from '../dns/resolver/forger.ts';
import { replySections } from '../dns/resolver/query-wire.ts';
import { normalizeName } from '../dns/wire/names.ts';
import { errorNote } from '../protocol/error-notes.ts';

export type DnsTransport = 'udp' | 'tcp';

export interface DnsRelayOptions {
  link: TraceLink;
  /** Loopback port of the lab DNS server (UDP and TCP). */
  targetPort: number;
  /** The forgers on this path now; none: every reply passes unchanged. */
  forgers(): DnsForger[];
  emit: DnsEmit;
  flowId(): string;
}

interface QueryInfo {
  name: string;
  type: string;
  dnssecOk: boolean;
}

function queryInfo(query: Buffer): QueryInfo {
  try {
    const packet = dnsPacket.decode(query);
    const q = packet.questions?.[0];
    const opt = packet.additionals?.find((rr) => rr.type === 'OPT') as { flags?: number } | undefined;
    // RFC 3225 §3: the DO bit in the OPT record asks for RRSIGs.
    return { name: q ? normalizeName(q.name) : '?', type: q?.type ?? '?', dnssecOk: ((opt?.flags ?? 0) & dnsPacket.DNSSEC_OK) !== 0 };
  } catch {
    return { name: '?', type: '?', dnssecOk: false };
  }
}

export async function relayDnsMessage(query: Buffer, transport: DnsTransport, o: DnsRelayOptions): Promise<Buffer | null> {
  const flow = o.flowId();
  const { name, type, dnssecOk } = queryInfo(query);
  const asked = queryEvent(flow, o.link, name, type, query, 'question');
  o.emit({ ...asked, detail: { ...asked.detail, dnssecOk, transport } });
  // RFC 7766 §5: a reply over TCP is not truncated, so each message keeps the transport it came on.
  const upstream = (bytes: Buffer) => (transport === 'udp' ? udpExchange(o.targetPort, bytes) : tcpExchange(o.targetPort, bytes));
  const exchange = forgedExchange(upstream, o.forgers, (report) => o.emit(forgeryEvent(flow, o.link, report)));
  let reply: Buffer;
  try {
    reply = await exchange(query);
  } catch (err) {
    const error = (err as Error).message;
    const summaryText = text('traceNote.noReply', { host: nodeText(o.link.from), error });
    const detail: NoteDetail = { kind: 'no-reply', transport, error, summaryText };
    o.emit({ flow, link: o.link, layer: 'note', dir: 's2c', summary: english(summaryText), detail, visibility: 'plaintext' });
    return null;
  }
  try {
    const sections = replySections(reply);
    const answered = replyEvent(flow, o.link, name, type, reply, sections.rcode, sections.answers, sections.authorities, 'question');
    o.emit({ ...answered, detail: { ...answered.detail, transport } });
  } catch (err) {
    o.emit({ flow, link: o.link, ...errorNote('dns-undecoded', 's2c', err, { transport }) });
  }
  return reply;
}
