// What the attacker has learnt, in the eavesdropper's terms (common/attack.ts): kept bounded,
// updated live. Facts (an envelope, a message, a password) are told at once; byte counts,
// which change with every chunk, at most every COUNT_NOTIFY_MS.

import type { AttackerKnowledge } from '../../../common/attack.ts';

const MAX_ENVELOPES = 200;
const MAX_MESSAGES = 100;
const MAX_CREDENTIALS = 100;
const MAX_RECIPIENTS = 100;
const COUNT_NOTIFY_MS = 100;
const MAX_READS = 2000;

export type Envelope = AttackerKnowledge['envelopes'][number];
export type KnownMessage = AttackerKnowledge['messages'][number];
export type Credential = AttackerKnowledge['credentials'][number];

export const emptyKnowledge = (): AttackerKnowledge => ({ envelopes: [], messages: [], credentials: [], plaintextBytes: 0, encryptedBytes: 0 });

export class KnowledgeBook {
  private state = emptyKnowledge();
  /**
   * Which message (by Message-ID) the attacker read on which connection (trace flow), noted the
   * moment the bytes passed. Unlike the rest it survives a reset: a flow and a Message-ID name one
   * message on one connection, so an old entry can never be taken for a new delivery.
   */
  private readonly reads = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private countTimer: NodeJS.Timeout | null = null;

  snapshot(): AttackerKnowledge {
    const s = this.state;
    return {
      envelopes: s.envelopes.map((e) => ({ mailFrom: e.mailFrom, rcptTo: [...e.rcptTo] })),
      messages: s.messages.map((m) => ({ ...m, headers: m.headers.map(([k, v]) => [k, v] as [string, string]) })),
      credentials: s.credentials.map((c) => ({ ...c })),
      plaintextBytes: s.plaintextBytes,
      encryptedBytes: s.encryptedBytes,
    };
  }

  /** Starts an envelope; returns it so recipients can be added as they are seen. */
  addEnvelope(mailFrom: string): Envelope {
    const envelope: Envelope = { mailFrom, rcptTo: [] };
    this.state.envelopes.push(envelope);
    if (this.state.envelopes.length > MAX_ENVELOPES) this.state.envelopes.shift();
    this.changed();
    return envelope;
  }

  addRecipient(envelope: Envelope, rcpt: string): void {
    if (envelope.rcptTo.length >= MAX_RECIPIENTS) return;
    envelope.rcptTo.push(rcpt);
    this.changed();
  }

  addMessage(message: KnownMessage): void {
    this.state.messages.push(message);
    if (this.state.messages.length > MAX_MESSAGES) this.state.messages.shift();
    this.changed();
  }

  noteRead(flow: string, messageId: string | undefined): void {
    if (!messageId) return;
    this.reads.add(`${flow} ${messageId}`);
    if (this.reads.size > MAX_READS) this.reads.delete(this.reads.values().next().value!);
  }

  /** Whether the attacker read the message with this Message-ID on one of these connections. */
  hasRead(flows: readonly string[], messageId: string): boolean {
    return flows.some((flow) => this.reads.has(`${flow} ${messageId}`));
  }

  addCredential(credential: Credential): void {
    this.state.credentials.push(credential);
    if (this.state.credentials.length > MAX_CREDENTIALS) this.state.credentials.shift();
    this.changed();
  }

  addBytes(plaintext: number, encrypted: number): void {
    if (plaintext === 0 && encrypted === 0) return;
    this.state.plaintextBytes += plaintext;
    this.state.encryptedBytes += encrypted;
    this.countTimer ??= setTimeout(() => {
      this.countTimer = null;
      this.changed();
    }, COUNT_NOTIFY_MS).unref();
  }

  reset(): void {
    this.state = emptyKnowledge();
    this.changed();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    if (this.countTimer) clearTimeout(this.countTimer);
    this.countTimer = null;
  }

  private changed(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (err) {
        console.error('attacker knowledge listener failed:', err);
      }
    }
  }
}
