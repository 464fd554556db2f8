// What a window is told of the lab's services besides the trace: a snapshot of each after every
// welcome, then each change as it happens. Messages that follow from trace rows (a checker report,
// a stored outbox entry) are sent after those rows, so the window reads them in order.
import type { ServerMessage } from '../../common/protocol.ts';
import type { LabRuntime } from '../lab/lab-runtime.ts';

type Send = (message: ServerMessage) => void;

/** Snapshots of main.cf, the sender, the policy host, the checker's last report, DMARC and the attacker. */
export function sendLabSnapshots(lab: LabRuntime, send: Send): void {
  const { sender, policyHost, attacker, postconf, checker, dmarc } = lab;
  if (postconf) send({ type: 'postconf.state', state: postconf.state() });
  if (sender) {
    send({ type: 'outbox', messages: sender.outbox() });
    send({ type: 'tlsrpt.reports', reports: sender.reports() });
  }
  if (policyHost) send({ type: 'policy.entries', entries: policyHost.entries() });
  const checked = checker?.last();
  if (checked) send({ type: 'checker.result', result: checked });
  if (dmarc) send({ type: 'dmarc.state', state: dmarc.state() });
  if (attacker) {
    send({ type: 'attack.list', attacks: attacker.list() });
    send({ type: 'attack.status', status: attacker.status() });
  }
}

/**
 * Follows each service's changes; `flushTrace` sends the trace rows still batched. Returns the
 * unsubscribe functions.
 */
export function followLabState(lab: LabRuntime, send: Send, flushTrace: () => void): (() => void)[] {
  const { sender, policyHost, attacker, postconf, checker, dmarc } = lab;
  const afterTrace = (message: ServerMessage) => {
    flushTrace();
    send(message);
  };
  const unsubscribe: (() => void)[] = [];
  if (policyHost) unsubscribe.push(policyHost.subscribe(() => send({ type: 'policy.entries', entries: policyHost.entries() })));
  if (checker) unsubscribe.push(checker.subscribe((result) => afterTrace({ type: 'checker.result', result })));
  if (postconf) unsubscribe.push(postconf.subscribe(() => afterTrace({ type: 'postconf.state', state: postconf.state() })));
  if (sender) {
    unsubscribe.push(
      sender.subscribe((message) => afterTrace({ type: 'outbox.updated', message })),
      sender.onReports((reports) => send({ type: 'tlsrpt.reports', reports })),
    );
  }
  if (attacker) unsubscribe.push(attacker.subscribe((status) => send({ type: 'attack.status', status })));
  if (dmarc) unsubscribe.push(dmarc.subscribe((state) => afterTrace({ type: 'dmarc.state', state })));
  return unsubscribe;
}
