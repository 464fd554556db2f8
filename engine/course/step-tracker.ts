// Ticks a lab's steps as the lab runs: every trace event, every message arriving in the mailbox
// and every outbound message after a round is a moment; a step not yet done is done the moment its
// check holds (engine/course/checks.ts). Only moments after the lab (re)started count.
import type { MailboxMessage } from '../../common/lab.ts';
import type { OutboundMessage } from '../../common/sender.ts';
import type { TraceEvent } from '../../common/trace.ts';
import { dkimStatus } from '../api/dkim-api.ts';
import type { LabControls } from '../scenario/lab-controls.ts';
import { holds, type LabStateView, type Moment } from './checks.ts';
import type { LabStep } from './lab-schema.ts';

const MAX_FLOWS = 5000;

export function labStateView(controls: LabControls): LabStateView {
  const { lab } = controls;
  return {
    records(name) {
      const zone = lab.dns.zones.zoneFor(name.replace(/\.$/, '').toLowerCase());
      return zone ? lab.dns.editor.list(zone.origin) : [];
    },
    receiver() {
      const s = controls.receiver.status();
      return { key: s.key, tlsaMatches: s.tlsaMatches };
    },
    dkim() {
      const s = dkimStatus(controls);
      return { signing: s.signing, published: { current: s.keys.current.published, next: s.keys.next.published } };
    },
    attacker() {
      const active = lab.attacker.status().active;
      return active ? { name: active.name, params: active.params } : null;
    },
  };
}

export class StepTracker {
  private readonly stops: (() => void)[] = [];
  /** Which node opened each connection, for the mailbox's "client". */
  private readonly flows = new Map<string, string>();
  private readonly state: LabStateView;

  constructor(
    private readonly controls: LabControls,
    private readonly steps: LabStep[],
    private readonly isDone: (step: string) => boolean,
    private readonly done: (step: string) => void,
  ) {
    this.state = labStateView(controls);
  }

  start(): void {
    const { lab } = this.controls;
    this.stops.push(
      lab.trace.subscribe((event) => this.onTrace(event)),
      lab.mailbox.subscribe((message) => this.onMailbox(message)),
      lab.sender.subscribe((message) => this.onOutbox(message)),
    );
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
    this.flows.clear();
  }

  private onTrace(event: TraceEvent): void {
    if (event.dir !== 'none' && !this.flows.has(event.flow)) {
      this.flows.set(event.flow, event.link.from);
      if (this.flows.size > MAX_FLOWS) this.flows.delete(this.flows.keys().next().value!);
    }
    this.consider({ kind: 'trace', event });
  }

  private onMailbox(message: MailboxMessage): void {
    this.consider({ kind: 'mailbox', message, client: this.flows.get(message.flow) ?? null });
  }

  private onOutbox(message: OutboundMessage): void {
    this.consider({ kind: 'outbox', message });
  }

  private consider(moment: Moment): void {
    for (const step of this.steps) {
      if (this.isDone(step.id)) continue;
      let ok = false;
      try {
        ok = holds(step.check, moment, this.state);
      } catch (error) {
        console.error(`lab step ${step.id}: check failed:`, error);
      }
      if (ok) this.done(step.id);
    }
  }
}
