// The renderer's one connection to the lab engine: connection state, the welcome snapshot, the
// mailbox and the trace as reactive state, the DNS, sender, policy host and attacker stores;
// terminal traffic goes straight to its listener.
import type { LabHost, MailboxMessage } from '../../../common/lab.ts';
import type { ClientMessage, ServerMessage } from '../../../common/protocol.ts';
import { AttackStore } from './attack-store.svelte.ts';
import { DnsStore } from './dns-store.svelte.ts';
import { i18n } from './locale.svelte.ts';
import { PolicyHostStore } from './policy-host-store.svelte.ts';
import { SenderStore } from './sender-store.svelte.ts';
import { TraceStore } from './trace-store.svelte.ts';
import { connectTransport, type ConnectionState, type Transport } from './transport.ts';

export type PtyMessage = Extract<ServerMessage, { type: 'pty.opened' | 'pty.data' | 'pty.exit' }>;

export class LabClient {
  state = $state<ConnectionState>('connecting');
  /** While closed: when the next attempt starts (Date.now() clock). */
  retryAt = $state<number | null>(null);
  /** Increases with every welcome: a new engine session (its old terminals are gone). */
  session = $state(0);
  hosts = $state.raw<LabHost[]>([]);
  /** Newest first. */
  mailbox = $state.raw<MailboxMessage[]>([]);
  selectedMessageId = $state<string | null>(null);
  errors = $state.raw<string[]>([]);
  readonly trace = new TraceStore();
  readonly dns = new DnsStore((message) => this.send(message));
  readonly sender = new SenderStore((message) => this.send(message));
  readonly policyHost = new PolicyHostStore((message) => this.send(message));
  readonly attacker = new AttackStore((message) => this.send(message));

  selectedMessage = $derived(this.mailbox.find((message) => message.id === this.selectedMessageId) ?? null);

  private transport: Transport | null = null;
  private readonly ptyListeners = new Set<(message: PtyMessage) => void>();

  start(): void {
    if (this.transport) return;
    this.transport = connectTransport({
      message: (message) => this.receive(message),
      state: (state, retryAt) => {
        this.state = state;
        this.retryAt = retryAt ?? null;
      },
    });
  }

  stop(): void {
    this.transport?.close();
    this.transport = null;
  }

  send(message: ClientMessage): void {
    this.transport?.send(message);
  }

  onPty(listener: (message: PtyMessage) => void): () => void {
    this.ptyListeners.add(listener);
    return () => this.ptyListeners.delete(listener);
  }

  selectMessage(id: string | null): void {
    this.selectedMessageId = id;
  }

  dismissError(index: number): void {
    this.errors = this.errors.filter((_, i) => i !== index);
  }

  private receive(message: ServerMessage): void {
    switch (message.type) {
      case 'welcome':
        this.hosts = message.hosts;
        this.mailbox = message.mailbox.slice().reverse();
        if (this.selectedMessageId !== null && !this.mailbox.some((m) => m.id === this.selectedMessageId)) this.selectedMessageId = null;
        this.trace.reset(message.trace);
        // The engine sends its sender, policy host and attacker state right after welcome.
        this.sender.reset();
        this.policyHost.reset();
        this.attacker.reset();
        i18n.adoptSystemLocale(message.systemLocale);
        this.session++;
        return;
      case 'trace':
        return this.trace.append(message.events);
      case 'trace.cleared':
        return this.trace.cleared();
      case 'mailbox.added':
        if (!this.mailbox.some((m) => m.id === message.message.id)) this.mailbox = [message.message, ...this.mailbox];
        return;
      case 'pty.opened':
      case 'pty.data':
      case 'pty.exit':
        for (const listener of this.ptyListeners) listener(message);
        return;
      case 'dns.zones':
      case 'dns.result':
      case 'dns.answer':
        return this.dns.receive(message);
      case 'outbox':
      case 'outbox.updated':
      case 'send.refused':
      case 'tlsrpt.reports':
        return this.sender.receive(message);
      case 'policy.entries':
        return this.policyHost.receive(message);
      case 'attack.list':
      case 'attack.status':
        return this.attacker.receive(message);
      case 'error':
        // Errors about terminals of a previous session are expected after a reconnection.
        if (/^no terminal \d+/.test(message.message)) return;
        // A refused attack.set or a failed report flush comes back as an error: stop waiting.
        this.attacker.failed();
        this.sender.failed();
        this.errors = [...this.errors.slice(-4), message.message];
        return;
    }
  }
}

export const lab = new LabClient();
