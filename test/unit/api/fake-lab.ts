// A LabRuntime with no network behind it: the API and CLI front ends are tested against it.
import type { LabHost, MailboxMessage } from '../../../common/lab.ts';
import type { TraceEvent } from '../../../common/trace.ts';
import type { LabRuntime } from '../../../engine/lab/lab-runtime.ts';

export interface FakeLab extends LabRuntime {
  emit(event: Omit<TraceEvent, 'seq' | 't'>): TraceEvent;
  deliver(message: MailboxMessage): void;
  closed: boolean;
}

export function fakeLab(dataDir: string, hosts?: LabHost[]): FakeLab {
  const events: TraceEvent[] = [];
  const traceListeners = new Set<(e: TraceEvent) => void>();
  const clearedListeners = new Set<() => void>();
  const messages: MailboxMessage[] = [];
  const mailListeners = new Set<(m: MailboxMessage) => void>();
  let seq = 0;
  const lab: FakeLab = {
    dataDir,
    closed: false,
    hosts: () => hosts ?? [{ name: 'mx.example.jp', address: '192.0.2.25', role: 'receiver', ports: { '25': 2525, '587': 2587 } }],
    trace: {
      all: () => [...events],
      page: ({ before } = {}) => ({ events: events.filter((e) => before === undefined || e.seq < before), older: 0, dropped: 0 }),
      subscribe: (listener) => (traceListeners.add(listener), () => traceListeners.delete(listener)),
      clear: () => {
        events.length = 0;
        for (const listener of clearedListeners) listener();
      },
      onCleared: (listener) => (clearedListeners.add(listener), () => clearedListeners.delete(listener)),
    },
    mailbox: {
      list: () => [...messages],
      page: ({ before } = {}) => ({ messages: before === undefined ? [...messages] : messages.slice(0, Math.max(0, messages.findIndex((m) => m.id === before))), older: 0, dropped: 0 }),
      subscribe: (listener) => (mailListeners.add(listener), () => mailListeners.delete(listener)),
    },
    emit(partial) {
      const event = { ...partial, seq: ++seq, t: seq } as TraceEvent;
      events.push(event);
      for (const listener of traceListeners) listener(event);
      return event;
    },
    deliver(message) {
      messages.push(message);
      for (const listener of mailListeners) listener(message);
    },
    async close() {
      lab.closed = true;
    },
  };
  return lab;
}

export function sampleMessage(id: string, subject: string): MailboxMessage {
  return {
    id,
    receivedAt: new Date(0).toISOString(),
    host: 'mx.example.jp',
    port: 25,
    flow: 'f1',
    helo: 'learner.example',
    envelope: { mailFrom: 'alice@sender.example', rcptTo: ['bob@example.jp'] },
    authUser: null,
    received: `Received: from learner.example (unknown [192.0.2.10])\r\n\tby mx.example.jp (SMTP Lab) with ESMTP id ${id}\r\n\tfor <bob@example.jp>; Thu, 01 Jan 1970 00:00:00 +0000`,
    requireTls: false,
    headers: [['Subject', subject]],
    subject,
    text: 'hello',
    size: 42,
    tls: { version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' },
  };
}
