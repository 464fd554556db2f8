// The sender's queue as Postfix's mailq (postqueue -p) prints it, and as postqueue -j gives it.
import { text } from '../../../common/i18n/text.ts';
import { say } from '../cli-locale.ts';
import type { OutboundMessage } from '../../../common/sender.ts';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** "Mon Dec  7 06:30:52", the arrival time column (UTC). */
function arrival(iso: string): string {
  const d = new Date(iso);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** The messages mailq lists: neither delivered nor bounced. */
export function queuedOnly(outbox: OutboundMessage[]): OutboundMessage[] {
  return outbox.filter((m) => m.state !== 'delivered' && m.state !== 'bounced').sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}

function lastReason(message: OutboundMessage): string | null {
  const last = message.attempts.at(-1);
  return last ? say(last.reasonText ?? last.reason) : null;
}

export function formatMailq(queue: OutboundMessage[]): string {
  if (queue.length === 0) return `${say(text('mailqCli.empty'))}\n`;
  const lines = ['-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------'];
  let bytes = 0;
  for (const m of queue) {
    const size = m.size ?? 0;
    bytes += size;
    // "*": being delivered now (Postfix's active queue).
    const id = `${m.id}${m.state === 'delivering' ? '*' : ''}`;
    // showq's "%-11s %7ld %20.20s %s".
    lines.push(`${id.padEnd(11)} ${String(size).padStart(7)} ${arrival(m.queuedAt).padStart(20)} ${m.request.from}`);
    const reason = m.state === 'deferred' ? lastReason(m) : null;
    if (reason) lines.push(`(${reason})`);
    for (const to of m.request.to) lines.push(`${' '.repeat(41)}${to}`);
    lines.push('');
  }
  const count = queue.length;
  const kbytes = Math.ceil(bytes / 1024);
  lines.push(say(count === 1 ? text('mailqCli.totalOne', { kbytes }) : text('mailqCli.total', { kbytes, count })));
  return `${lines.join('\n')}\n`;
}

/** postqueue -j's fields per message (one object each), with the lab's state and next retry. */
export function mailqJson(queue: OutboundMessage[]) {
  return queue.map((m) => ({
    queue_name: m.state === 'deferred' ? 'deferred' : m.state === 'delivering' ? 'active' : 'incoming',
    queue_id: m.id,
    arrival_time: Math.floor(Date.parse(m.queuedAt) / 1000),
    message_size: m.size ?? 0,
    sender: m.request.from,
    recipients: m.request.to.map((address) => ({ address, ...(m.state === 'deferred' && lastReason(m) ? { delay_reason: lastReason(m) } : {}) })),
    state: m.state,
    next_retry: m.nextRetryAt,
    ...(m.resumedAt ? { resumed_at: m.resumedAt } : {}),
  }));
}
