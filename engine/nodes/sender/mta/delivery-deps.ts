// What a delivery round needs from the sending MTA around it: the trace, DNS, routes, trust, the
// MTA-STS cache and TLS-RPT counters (each connection to a host takes a part of it).
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import type { TraceLink } from '../../../../common/trace.ts';
import type { LookupResult } from '../../../dns/resolver/stub-resolver.ts';
import type { LabRoute } from '../../../network/lab-routes.ts';
import type { TlsRptAggregator } from '../../../policy/tlsrpt/aggregator.ts';
import type { WaitingFor } from '../../../protocol/smtp-client/reply-codes.ts';
import type { TraceEmitter } from '../../../trace/trace-store.ts';
import type { MtaStsFetchResult } from '../mta-sts-fetch.ts';
import type { MtaStsState } from './mta-sts-state.ts';

export interface Resolver {
  lookup(name: string, type: string): Promise<LookupResult>;
}

export interface DeliveryDeps {
  trace: TraceEmitter;
  nextFlow(): string;
  resolver(validate: boolean): Resolver;
  /** Where a lab address answers for the sender, or undefined (connection refused). */
  route(address: string, port: number): LabRoute | undefined;
  flowOfClientPort(port: number): { flow: string; link: TraceLink } | undefined;
  trustedCaPems(): readonly string[];
  mtaSts: MtaStsState;
  fetchPolicy(domain: string, resolver: Resolver): Promise<MtaStsFetchResult>;
  tlsrpt: TlsRptAggregator;
  now(): number;
  timeoutsMs?: Partial<Record<WaitingFor, number>>;
  /** Wraps the TCP socket so the first ClientHello carries TLS_FALLBACK_SCSV (RFC 7507); absent where unsupported. */
  fallbackScsvSocket?: (socket: Socket) => Duplex;
  /** Receives the TLS secrets of each SMTP session (NSS key log lines), for capture exports. */
  keylog?: (line: Buffer) => void;
}

