// The renderer's one connection to the lab engine: connection state, the welcome snapshot, the
// mailbox and the trace as reactive state, the DNS, sender, policy host and attacker stores;
// terminal traffic goes straight to its listener.
import { messageOf, type Text } from '../../../common/i18n/text.ts';
import type { LabHost, MailboxMessage } from '../../../common/lab.ts';
import type { ClientMessage, ServerMessage } from '../../../common/protocol.ts';
import { AttackStore } from './attack-store.svelte.ts';
import { CaptureExport } from './capture-export.svelte.ts';
import { CheckerStore } from './checker-store.svelte.ts';
import { MatrixStore } from './matrix-store.svelte.ts';
import { CourseStore } from './course-store.svelte.ts';
import { DnsStore } from './dns-store.svelte.ts';
import { i18n } from './locale.svelte.ts';
import { PolicyHostStore } from './policy-host-store.svelte.ts';
import { PostconfStore } from './postconf-store.svelte.ts';
import { SenderStore } from './sender-store.svelte.ts';
import { DmarcStore } from './dmarc-store.svelte.ts';
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
  /** Messages the lab keeps beyond the oldest one here (the list offers to load them). */
  mailboxOlder = $state(0);
  /** Messages the receiver let go to bound its memory. */
  mailboxDropped = $state(0);
  loadingOlderMail = $state(false);
  selectedMessageId = $state<string | null>(null);
  /** The engine's errors, each its Text when it has one (rendered in the UI's language), else its string. */
  errors = $state.raw<(Text | string)[]>([]);
  readonly trace = new TraceStore();
  readonly dns = new DnsStore((message) => this.send(message));
  readonly sender = new SenderStore((message) => this.send(message));
  readonly dmarc = new DmarcStore((message) => this.send(message));
  readonly policyHost = new PolicyHostStore((message) => this.send(message));
  readonly attacker = new AttackStore((message) => this.send(message));
  readonly postconf = new PostconfStore((message) => this.send(message));
  readonly checker = new CheckerStore((message) => this.send(message));
  readonly matrix = new MatrixStore((message) => this.send(message));
  readonly capture = new CaptureExport((message) => this.send(message));
  readonly course = new CourseStore((message) => this.send(message), pageLocation());

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

  /** Asks the lab for the page of trace events before the first row shown. */
  loadOlderTrace(): void {
    const before = this.trace.firstSeq();
    if (before === null || this.trace.older === 0 || this.trace.loadingOlder) return;
    this.trace.loadingOlder = true;
    this.send({ type: 'trace.older', before });
  }

  /** Asks the lab for the page of messages before the oldest one shown. */
  loadOlderMail(): void {
    const oldest = this.mailbox.at(-1);
    if (!oldest || this.mailboxOlder === 0 || this.loadingOlderMail) return;
    this.loadingOlderMail = true;
    this.send({ type: 'mailbox.older', before: oldest.id });
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
        this.mailboxOlder = message.mailboxOlder ?? 0;
        this.mailboxDropped = message.mailboxDropped ?? 0;
        this.loadingOlderMail = false;
        if (this.selectedMessageId !== null && !this.mailbox.some((m) => m.id === this.selectedMessageId)) this.selectedMessageId = null;
        this.trace.reset(message.trace, message.traceOlder ?? 0, message.traceDropped ?? 0);
        // The engine sends its sender, policy host and attacker state right after welcome.
        this.sender.reset();
        this.policyHost.reset();
        this.attacker.reset();
        this.checker.reset();
        this.postconf.reset();
        // A run asked of an engine session that is gone will not be answered.
        this.matrix.failed();
        this.course.welcome();
        i18n.adoptSystemLocale(message.systemLocale);
        this.session++;
        return;
      case 'trace':
        return this.trace.append(message.events);
      case 'trace.export':
        return this.capture.receive(message);
      case 'trace.cleared':
        return this.trace.cleared();
      case 'trace.older':
        return this.trace.prepend(message.page);
      case 'mailbox.added':
        if (!this.mailbox.some((m) => m.id === message.message.id)) this.mailbox = [message.message, ...this.mailbox];
        return;
      case 'mailbox.older': {
        this.loadingOlderMail = false;
        const known = new Set(this.mailbox.map((m) => m.id));
        this.mailbox = [...this.mailbox, ...message.page.messages.filter((m) => !known.has(m.id)).reverse()];
        this.mailboxOlder = message.page.older;
        this.mailboxDropped = message.page.dropped;
        return;
      }
      case 'mailbox.dropped': {
        const gone = new Set(message.ids);
        const kept = this.mailbox.filter((m) => !gone.has(m.id));
        // Dropped messages are the lab's oldest: those not shown here were counted as older.
        this.mailboxOlder = Math.max(0, this.mailboxOlder - (message.ids.length - (this.mailbox.length - kept.length)));
        this.mailbox = kept;
        this.mailboxDropped += message.ids.length;
        if (this.selectedMessageId !== null && gone.has(this.selectedMessageId)) this.selectedMessageId = null;
        return;
      }
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
      case 'dmarc.state':
        return this.dmarc.receive(message);
      case 'policy.entries':
        return this.policyHost.receive(message);
      case 'attack.list':
      case 'attack.status':
        return this.attacker.receive(message);
      case 'checker.result':
        return this.checker.receive(message);
      case 'matrix.result':
      case 'run.opened':
      case 'compare.result':
      case 'scenarios.list':
        return this.matrix.receive(message);
      case 'labs.list':
      case 'lab.state':
        return this.course.receive(message);
      case 'lab.reset':
        // The lab starts again: its mailbox and the sender's queue are empty (docs/labs.md).
        this.mailbox = [];
        this.mailboxOlder = 0;
        this.selectedMessageId = null;
        this.sender.outbox = [];
        return this.course.receive(message);
      case 'postconf.state':
      case 'postconf.result':
        return this.postconf.receive(message);
      case 'error':
        // Errors about terminals of a previous session are expected after a reconnection.
        if (/^no terminal \d+/.test(message.message)) return;
        // A refused attack.set or a failed report flush comes back as an error: stop waiting.
        this.attacker.failed();
        this.checker.failed();
        this.matrix.failed();
        this.capture.failed();
        this.sender.failed();
        this.dmarc.failed();
        this.postconf.failed();
        if (message.message.startsWith('lab: ')) this.course.failed();
        this.errors = [...this.errors.slice(-4), messageOf(message)];
        return;
    }
  }
}

/** The page's address, for `?lab=NAME` (docs/labs.md). */
function pageLocation() {
  return {
    get search() {
      return window.location.search;
    },
    get href() {
      return window.location.href;
    },
    replace(href: string) {
      history.replaceState(history.state, '', href);
    },
  };
}

export const lab = new LabClient();
