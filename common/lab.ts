// Lab-wide data shapes shared by the engine, the CLI and the renderer.
import type { MailFolder, MessageAuth } from './auth.ts';

export interface LabHost {
  /** Lab hostname, e.g. "mx.example.jp". */
  name: string;
  /** Lab address from a documentation range. A label: never dialed. */
  address: string;
  /** What the node is, e.g. "receiving MTA". Short English; the UI translates by `role` key. */
  role: LabRole;
  /**
   * Lab port -> loopback port the learner's tools dial on 127.0.0.1 to reach it.
   * Traffic through these ports is recorded in the trace as coming from the "terminal" node.
   */
  ports: Record<string, number>;
  /** Submission accounts (SMTP AUTH on port 587, RFC 6409 §4.3), for the hosts that take them. */
  accounts?: LabAccount[];
}

export interface LabAccount {
  user: string;
  password: string;
  /** The lab port that takes AUTH. */
  port: number;
}

export type LabRole = 'terminal' | 'sender' | 'receiver' | 'dns' | 'policy-host' | 'report-collector' | 'attacker' | 'checker';

/** The JSON form printed by `smtp-lab serve --json` and `smtp-lab hosts --json`. */
export type LabHostTable = Record<string, { address: string; role: LabRole; ports: Record<string, number>; accounts?: LabAccount[] }>;

export interface TlsInfo {
  /** As Node's tls.getProtocol(): "TLSv1.3", "TLSv1.2", ... */
  version: string;
  /** IANA/standard cipher name, e.g. "TLS_AES_256_GCM_SHA384". */
  cipher: string;
}

export interface MailboxMessage {
  id: string;
  /** ISO 8601 time of acceptance. */
  receivedAt: string;
  /** Lab hostname of the receiver that accepted it. */
  host: string;
  /** Lab port it arrived on (25 or 587). */
  port: number;
  /** Trace flow id of the connection that carried it. */
  flow: string;
  /** The client's EHLO/HELO name. */
  helo: string;
  envelope: { mailFrom: string; rcptTo: string[] };
  /** SMTP AUTH user when the session authenticated. */
  authUser: string | null;
  /**
   * The Received header field this receiver prepended (RFC 5321 §4.4), folded as written,
   * without the final CRLF. It is also in `headers`, first, or right after the receiver's
   * Authentication-Results (RFC 8601 §5) when its checks ran.
   */
  received: string;
  /**
   * MAIL FROM carried REQUIRETLS: the receiver tags the message as requiring TLS for every
   * further hop (RFC 8689 §4.1).
   */
  requireTls: boolean;
  /** Header fields in order, as [name, value] (value unfolded, decoded to text); the first is this receiver's Received. */
  headers: [string, string][];
  subject: string;
  /** Body as text (text/plain part when MIME). */
  text: string;
  /** Size in octets of the message as the client sent it (without the Received field added here). */
  size: number;
  /** null when the message came over plaintext. */
  tls: TlsInfo | null;
  /** The mailbox folder: "junk" when the receiver quarantined it (DMARC p=quarantine); absent: inbox. */
  folder?: MailFolder;
  /** What the receiver's SPF/DKIM/DMARC/ARC checks found (its Authentication-Results); absent or null when none ran. */
  auth?: MessageAuth | null;
  /** The MIME attachments, e.g. a DMARC report's .xml.gz; absent when there are none. */
  attachments?: MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  size: number;
  /** The decoded content in base64, when at most MAX_KEPT_ATTACHMENT octets; null when larger. */
  base64: string | null;
}

/** Attachments up to this size are kept whole in the mailbox (a day's DMARC report is far smaller). */
export const MAX_KEPT_ATTACHMENT = 64 * 1024;

/** One lab run on this machine, written to the data directory so CLI commands can find it. */
export interface LabRunInfo {
  pid: number;
  startedAt: string;
  url: string;
  token: string;
  ws: string;
  /** Base of the HTTP API, e.g. "http://127.0.0.1:P". */
  api: string;
  hosts: LabHostTable;
}

/**
 * A page of the mailbox, oldest first. `older`: messages still kept before this page (ask for them
 * with `before` = the first id). `dropped`: the oldest messages the receiver let go to bound its memory.
 */
export interface MailboxPage {
  messages: MailboxMessage[];
  older: number;
  dropped: number;
}
