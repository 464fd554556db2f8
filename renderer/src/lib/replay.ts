// Replay of a recorded trace, sans-IO: where the cursor may go, how long to wait before the next
// event at a chosen speed, and what the attacker knew by the event under the cursor (from its
// "learn" rows, and the bytes that crossed the links it sat on).

import type { AttackerKnowledge } from '../../../common/attack.ts';
import type { TraceEvent } from '../../../common/trace.ts';
import { learnedFact } from '../../../common/trace-details.ts';

export const REPLAY_SPEEDS = [0.5, 1, 2] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

/** However fast or slow the run was, a class can follow one event per this many ms at 1×. */
export const MIN_STEP_MS = 250;
export const MAX_STEP_MS = 2500;

/** The cursor moved by `delta` events, kept within the recording (-1: before the first event). */
export function moveCursor(index: number, delta: number, length: number): number {
  return Math.max(-1, Math.min(length - 1, index + delta));
}

/** How long to wait after event `index` before showing the next: the recorded gap, bounded, at this speed. */
export function replayDelay(events: readonly TraceEvent[], index: number, speed: number): number {
  const here = events[index];
  const next = events[index + 1];
  const gap = here && next ? Math.max(0, next.t - here.t) : 0;
  return Math.round(Math.min(MAX_STEP_MS, Math.max(MIN_STEP_MS, gap)) / speed);
}

function wireOctets(event: TraceEvent): number {
  if (!event.raw || (event.dir !== 'c2s' && event.dir !== 's2c') || event.detail?.insideTls === true) return 0;
  if (event.layer !== 'smtp' && event.layer !== 'tls') return 0;
  // base64: 4 characters for every 3 octets, less the padding.
  const pad = event.raw.endsWith('==') ? 2 : event.raw.endsWith('=') ? 1 : 0;
  return (event.raw.length / 4) * 3 - pad;
}

/** What the attacker knew once the events up to `index` (inclusive) had happened. */
export function knowledgeAt(events: readonly TraceEvent[], index: number): AttackerKnowledge {
  const known: AttackerKnowledge = { envelopes: [], messages: [], credentials: [], plaintextBytes: 0, encryptedBytes: 0 };
  const attacked = new Set<string>();
  let envelope: AttackerKnowledge['envelopes'][number] | null = null;
  const upTo = Math.min(index, events.length - 1);
  for (let i = 0; i <= upTo; i++) {
    const e = events[i];
    if (e.layer === 'attack') {
      attacked.add(e.flow);
      const fact = learnedFact(e);
      if (!fact) continue;
      if (fact.what === 'mail-from') {
        envelope = { mailFrom: fact.value, rcptTo: [] };
        known.envelopes.push(envelope);
      } else if (fact.what === 'rcpt-to') {
        if (!envelope) {
          envelope = { mailFrom: '', rcptTo: [] };
          known.envelopes.push(envelope);
        }
        envelope.rcptTo.push(fact.value);
      } else if (fact.what === 'credential') known.credentials.push({ mechanism: fact.mechanism, user: fact.user, password: fact.password });
      else {
        envelope = null;
        known.messages.push({ subject: fact.subject, headers: [], body: '', flow: e.flow, messageId: null });
      }
      continue;
    }
    if (!attacked.has(e.flow)) continue;
    const octets = wireOctets(e);
    if (e.visibility === 'plaintext') known.plaintextBytes += octets;
    else known.encryptedBytes += octets;
  }
  return known;
}
