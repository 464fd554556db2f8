// A trace (or some of its flows) as a pcapng capture with lab addresses, and the TLS key log
// that lets Wireshark or tshark decrypt the STARTTLS and HTTPS parts of it.

import type { TraceEvent } from '../../common/trace.ts';
import { LAB_ADDRESSES } from '../network/lab-hosts.ts';
import { clientRandoms, type KeyLogBook } from './key-log.ts';
import { pcapngFile } from './pcapng.ts';
import { tracePackets } from './trace-packets.ts';

export interface TraceExport {
  pcapng: Buffer;
  /** NSS key log lines for the TLS sessions in the capture ("" when none are known). */
  keylog: string;
  packets: number;
  /** TLS sessions in the capture, and how many of them the key log covers. */
  tlsSessions: number;
  tlsSessionsWithKeys: number;
}

export interface TraceExportOptions {
  /** Wall-clock time (ms since 1970) the events' t counts from. */
  epochMs: number;
  keys?: KeyLogBook;
  /** Only these flows; all when absent. */
  flows?: readonly string[];
  addressOf?: (node: string) => string | undefined;
}

export const labAddressOf = (node: string): string | undefined => LAB_ADDRESSES[node];

export function exportTrace(events: readonly TraceEvent[], o: TraceExportOptions): TraceExport {
  const wanted = o.flows ? new Set(o.flows) : null;
  const chosen = wanted ? events.filter((e) => wanted.has(e.flow)) : events;
  const packets = tracePackets(chosen, { epochMs: o.epochMs, addressOf: o.addressOf ?? labAddressOf });
  const pcapng = pcapngFile(packets, {
    application: 'SMTP Lab',
    interfaceName: 'lab',
    comment: 'SMTP Lab trace export. The addresses are the lab\'s labels (RFC 5737); every connection ran on 127.0.0.1.',
  });
  const randoms = [...new Set(clientRandoms(chosen))];
  const keylog = o.keys ? o.keys.text(randoms) : '';
  const covered = new Set(keylog.split('\n').map((line) => line.split(' ')[1]).filter(Boolean));
  return { pcapng, keylog, packets: packets.length, tlsSessions: randoms.length, tlsSessionsWithKeys: randoms.filter((r) => covered.has(r)).length };
}
