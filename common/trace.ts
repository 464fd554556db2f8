// The one trace event model (DESIGN.md "Trace events"): the UI, the CLI ladder, lab checks,
// tests and later the attack matrix and pcapng export all read this stream.

export type TraceLayer = 'tcp' | 'smtp' | 'tls' | 'dns' | 'https' | 'policy' | 'attack' | 'mailbox' | 'note';

/** c2s: from link.from to link.to; s2c: the reverse; none: not a wire event (policy, note, mailbox). */
export type TraceDirection = 'c2s' | 's2c' | 'none';

/** What an eavesdropper on that link could read of these bytes. */
export type TraceVisibility = 'plaintext' | 'encrypted';

export interface TraceLink {
  /** Node id of the side that opened the connection, e.g. "terminal", "mail.sender.example". */
  from: string;
  /** Node id of the side that accepted it, e.g. "mx.example.jp". */
  to: string;
  /** Lab port on the accepting side, e.g. 25. */
  port?: number;
}

export interface TraceEvent {
  /** Sequence number, strictly increasing within one lab run. */
  seq: number;
  /** Milliseconds since the lab started (monotonic clock). */
  t: number;
  /** Connection id: every event of one TCP connection shares it ("f1", "f2", ...). */
  flow: string;
  link: TraceLink;
  layer: TraceLayer;
  dir: TraceDirection;
  /** The bytes this row stands for, base64. Absent for events without bytes. */
  raw?: string;
  /** One line a learner reads in the ladder, e.g. "EHLO client.example" or "250 OK (6 lines)". */
  summary: string;
  /** Decoded fields, layer specific (see engine/protocol decoders). Plain JSON. */
  detail?: Record<string, unknown>;
  visibility: TraceVisibility;
  /** The RFC rule a policy decision follows, e.g. "RFC 8461 §5". */
  rule?: string;
  /** For attacker actions: the bytes as they came in and as they went out, base64. */
  attack?: { before: string; after: string };
}

/**
 * A page of the trace, oldest first. `older`: events the lab still keeps before this page (ask for
 * them with `before` = the first seq). `dropped`: the oldest events of this run the lab forgot to
 * bound its memory.
 */
export interface TracePage {
  events: TraceEvent[];
  older: number;
  dropped: number;
}
