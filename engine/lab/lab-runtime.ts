// What a running lab offers to its front ends (the API server, the CLI, tests).
// Implemented by startLab() in engine/lab/start-lab.ts.

import type { AttackInfo, AttackName, AttackStatus } from '../../common/attack.ts';
import type { LabHost, MailboxMessage, MailboxPage } from '../../common/lab.ts';
import type { OutboundMessage, PolicyHostEntry, PolicyHostLesson, SendRequest, TlsRptReportInfo } from '../../common/sender.ts';
import type { TraceEvent, TracePage } from '../../common/trace.ts';
import type { CheckerRunResult } from '../../common/checker.ts';
import type { DnsService } from '../dns/lab/dns-service.ts';
import type { LabPostconf } from '../postconf/postconf-service.ts';

export interface TraceSource {
  /** Every event so far, in seq order. */
  all(): TraceEvent[];
  /** The newest events before seq `before` (or the newest of all) that fit in one snapshot page. */
  page(query?: { before?: number }): TracePage;
  /** Called for every new event, in order. Returns the unsubscribe function. */
  subscribe(listener: (event: TraceEvent) => void): () => void;
  clear(): void;
  onCleared(listener: () => void): () => void;
}

export interface MailboxSource {
  list(): MailboxMessage[];
  /** The newest messages before id `before` (or the newest of all) that fit in one snapshot page. */
  page(query?: { before?: string }): MailboxPage;
  subscribe(listener: (message: MailboxMessage) => void): () => void;
  /** Called with the oldest messages when they are let go to bound memory. */
  onDropped?(listener: (dropped: MailboxMessage[]) => void): () => void;
}

export interface LabRuntime {
  /** Every lab host with its lab address and the loopback ports the learner's tools dial. */
  hosts(): LabHost[];
  trace: TraceSource;
  mailbox: MailboxSource;
  /** The lab DNS: zones, the zone editor and lookups through the lab resolver. Absent in labs without DNS. */
  dnsService?: DnsService;
  /** The sending MTA mail.sender.example: its queue and its TLS-RPT reports. */
  sender?: SenderService;
  /** The MTA-STS policy host (mta-sts.example.jp). */
  policyHost?: PolicyHostService;
  /** The on-path attacker. */
  attacker?: AttackerService;
  /** The mail checker checker.example: internet.nl's mail test against the lab's live nodes. */
  checker?: CheckerService;
  /** main.cf of the two MTAs: smtpd_* the receiver mx.example.jp, smtp_* the sender mail.sender.example. */
  postconf?: LabPostconf;
  /** Where keys, certificates and run files live. */
  dataDir: string;
  /** Closes every socket and child process of the lab. */
  close(): Promise<void>;
}

export interface StartLabOptions {
  dataDir: string;
  /**
   * 'disk': the sender's queue lives in <dataDir>/queue and survives a kill or a crash (the lab
   * the learner runs). Default 'memory': a lab started for one delivery or a test.
   */
  queue?: 'disk' | 'memory';
}

export type SubmitResult = { ok: true; message: OutboundMessage } | { ok: false; message: string };

export interface SenderService {
  /** Queues the message and starts delivering it; refuses a malformed request with a reason. */
  submit(request: SendRequest): SubmitResult;
  /** The message once it is delivered or bounced, or deferred after its first round of attempts. */
  settled(id: string): Promise<OutboundMessage>;
  /** Retries a deferred message now; false when there is no such deferred message. */
  retry(id: string): boolean;
  /** Newest first. */
  outbox(): OutboundMessage[];
  /** Called with the message after every change of state, attempt or notice. */
  subscribe(listener: (message: OutboundMessage) => void): () => void;
  /** Newest first. */
  reports(): TlsRptReportInfo[];
  /** Builds a report per policy domain from the sessions counted so far and sends each to its rua. */
  flushReports(): Promise<TlsRptReportInfo[]>;
  onReports(listener: (reports: TlsRptReportInfo[]) => void): () => void;
}

export interface PolicyHostService {
  entries(): PolicyHostEntry[];
  set(domain: string, text: string, lesson: PolicyHostLesson | null): PolicyHostEntry;
}

export type AttackSetResult = { ok: true; status: AttackStatus } | { ok: false; message: string };

export interface AttackerService {
  list(): AttackInfo[];
  status(): AttackStatus;
  /** Switches the attacker on (replacing any attack that was on); a bad parameter is refused. */
  set(name: AttackName, params: Record<string, string>): Promise<AttackSetResult>;
  off(): Promise<AttackStatus>;
  subscribe(listener: (status: AttackStatus) => void): () => void;
}

export type CheckerRun = CheckerRunResult;

export interface CheckerService {
  /** Tests a domain's mail servers and records as a remote tester; runs wait for each other. */
  run(domain: string): Promise<CheckerRun>;
}
