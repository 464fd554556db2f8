// What a running lab offers to its front ends (the API server, the CLI, tests).
// Implemented by startLab() in engine/lab/start-lab.ts.

import type { LabHost } from '../../common/lab.ts';
import type { PolicyHostEntry, PolicyHostLesson } from '../../common/sender.ts';
import type { CheckerRunResult } from '../../common/checker.ts';
import type { AttackerService } from '../attack/attacker-service.ts';
import type { DnsService } from '../dns/lab/dns-service.ts';
import type { MailboxSource } from '../nodes/receiver/mailbox-source.ts';
import type { SenderService } from '../nodes/sender/mta/sender-service.ts';
import type { LabPostconf } from '../postconf/postconf-service.ts';
import type { TraceSource } from '../trace/trace-source.ts';
import type { CaptureService } from '../export/lab-capture.ts';
import type { DmarcService } from './lab-dmarc.ts';

// The nodes define what they offer; the lab's front ends find it all here.
export type { AttackerService, AttackSetResult } from '../attack/attacker-service.ts';
export type { MailboxSource } from '../nodes/receiver/mailbox-source.ts';
export type { SenderService, SubmitResult } from '../nodes/sender/mta/sender-service.ts';
export type { TraceSource } from '../trace/trace-source.ts';

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
  /** mx.example.jp's DMARC aggregate reports: counted evaluations, reports built and sent. */
  dmarc?: DmarcService;
  /** main.cf of the two MTAs: smtpd_* the receiver mx.example.jp, smtp_* the sender mail.sender.example. */
  postconf?: LabPostconf;
  /** The trace as a pcapng capture with the TLS key log of its sessions (engine/export). */
  capture?: CaptureService;
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

export interface PolicyHostService {
  entries(): PolicyHostEntry[];
  set(domain: string, text: string, lesson: PolicyHostLesson | null): PolicyHostEntry;
  /** Every set, whoever made it (the UI, `lab policy set`, a scenario): the editors follow what is served. */
  subscribe(listener: () => void): () => void;
}

export type CheckerRun = CheckerRunResult;

export interface CheckerService {
  /** Tests a domain's mail servers and records as a remote tester; runs wait for each other. */
  run(domain: string): Promise<CheckerRun>;
  /** The last run that gave a report, or null. */
  last(): CheckerRun | null;
  /** Every run's result, whoever asked (the UI, `lab checker`): the Checker tab follows what was tested. */
  subscribe(listener: (result: CheckerRun) => void): () => void;
}
