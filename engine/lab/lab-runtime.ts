// What a running lab offers to its front ends (the API server, the CLI, tests).
// Implemented by startLab() in engine/lab/start-lab.ts.

import type { LabHost, MailboxMessage } from '../../common/lab.ts';
import type { TraceEvent } from '../../common/trace.ts';
import type { DnsService } from '../dns/lab/dns-service.ts';

export interface TraceSource {
  /** Every event so far, in seq order. */
  all(): TraceEvent[];
  /** Called for every new event, in order. Returns the unsubscribe function. */
  subscribe(listener: (event: TraceEvent) => void): () => void;
  clear(): void;
  onCleared(listener: () => void): () => void;
}

export interface MailboxSource {
  list(): MailboxMessage[];
  subscribe(listener: (message: MailboxMessage) => void): () => void;
}

export interface LabRuntime {
  /** Every lab host with its lab address and the loopback ports the learner's tools dial. */
  hosts(): LabHost[];
  trace: TraceSource;
  mailbox: MailboxSource;
  /** The lab DNS: zones, the zone editor and lookups through the lab resolver. Absent in labs without DNS. */
  dnsService?: DnsService;
  /** Where keys, certificates and run files live. */
  dataDir: string;
  /** Closes every socket and child process of the lab. */
  close(): Promise<void>;
}

export interface StartLabOptions {
  dataDir: string;
}
