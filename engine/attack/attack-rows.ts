// Every attacker action is its own trace row (layer "attack"): what it did in plain words, the
// bytes as they came and as they went out, and fields the UI localizes (attack, action).

import { english, type Text } from '../../common/i18n/text.ts';
import type { AttackAction } from '../../common/trace-details.ts';
import type { AttackName } from '../../common/attack.ts';
import type { TraceDirection, TraceLink } from '../../common/trace.ts';
import type { ConnectionContext } from '../network/link-interceptor.ts';
import type { TraceEventInput } from '../trace/trace-store.ts';

/**
 * on/off: the attack was switched; observe: it read something on the wire; rewrite, refuse,
 * inject, kill: it changed the bytes or the connection; detect: what a peer can notice of it;
 * intercept-tls: it ended TLS itself; learn: it now knows something it did not; forge, route:
 * it changed DNS answers or where a lab address leads; receive: its own MTA got mail.
 */
export type { AttackAction };

export interface AttackRowInput {
  action: AttackAction;
  dir?: TraceDirection;
  /** What the attacker did, as a catalogue Text; the row's summary is its English. */
  said: Text;
  fields?: Record<string, unknown>;
  /** The bytes as they came in and as they went out, when the attacker changed bytes. */
  before?: Buffer;
  after?: Buffer;
  rule?: string;
}

export type AttackEvent = Omit<TraceEventInput, 'flow' | 'link'>;

export function attackEvent(attack: AttackName, input: AttackRowInput): AttackEvent {
  const changed = input.before !== undefined || input.after !== undefined;
  const after = input.after ?? Buffer.alloc(0);
  return {
    layer: 'attack',
    dir: input.dir ?? 'none',
    ...(changed ? { raw: after.toString('base64') } : {}),
    summary: english(input.said),
    detail: { ...input.fields, kind: 'attack', attack, action: input.action, summaryText: input.said },
    visibility: 'plaintext',
    ...(input.rule ? { rule: input.rule } : {}),
    ...(changed ? { attack: { before: (input.before ?? Buffer.alloc(0)).toString('base64'), after: after.toString('base64') } } : {}),
  };
}

/** Rows of one attack: on a connection it sits on, or on the attack's own flow. */
export interface AttackRows {
  /** A row on a relayed connection's flow and link. */
  on(conn: ConnectionContext, input: AttackRowInput): void;
  /** A row on a connection known by its flow (e.g. one the impostor accepted). */
  onFlow(flow: string, link: TraceLink, input: AttackRowInput): void;
  /** A row that belongs to no connection (switched on, DNS forged, route set). */
  general(input: AttackRowInput, link?: TraceLink): void;
}

export function attackRows(attack: AttackName, emit: (event: TraceEventInput) => void, flow: string, defaultLink: TraceLink): AttackRows {
  return {
    on: (conn, input) => conn.emit(attackEvent(attack, input)),
    onFlow: (at, link, input) => emit({ ...attackEvent(attack, input), flow: at, link }),
    general: (input, link) => emit({ ...attackEvent(attack, input), flow, link: link ?? defaultLink }),
  };
}
