// Lab start-up and a whole delivery through the traced relay into the receiving MTA, plaintext and
// with STARTTLS. Floors on this machine (STACK.md): 3 listeners up in 73 ms (process included),
// a TLS 1.3 handshake in 1.1 ms; Postfix + Knot start in 162 ms.
// smtp-server holds its 220 greeting for 100 ms to catch clients that talk before it (as Postfix's
// postscreen greet pause does), so a delivery is also measured from the greeting on: that part is the lab's.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLab, type StartedLab } from '../engine/lab/start-lab.ts';
import { runSmtpConnection } from '../engine/nodes/sender/smtp-connection.ts';
import { SmtpClientSession } from '../engine/protocol/smtp-client/session.ts';
import type { SessionPolicy } from '../engine/protocol/smtp-client/types.ts';
import { performance } from 'node:perf_hooks';
import { measure, report } from './measure.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-bench-'));

const plaintext: SessionPolicy = { tls: () => ({ action: 'plaintext', rule: 'bench', reason: 'plaintext run' }) };
const starttls: SessionPolicy = {
  tls: ({ extensions }) => (extensions.starttls ? { action: 'starttls', rule: 'RFC 3207 §4', reason: 'offered' } : { action: 'quit', rule: 'bench', reason: 'no STARTTLS' }),
};

/** Delivers one message; returns the milliseconds from the 220 greeting to the end. */
async function deliver(lab: StartedLab, policy: SessionPolicy): Promise<number> {
  const session = new SmtpClientSession({
    clientName: 'mail.sender.example',
    serverName: 'mx.example.jp',
    from: 'alice@sender.example',
    to: ['bob@example.jp'],
    message: new TextEncoder().encode('Subject: bench\r\n\r\nHello.\r\n'),
    policy,
  });
  let greetedAt = 0;
  const result = await runSmtpConnection({
    port: lab.hosts()[1].ports['25'],
    session,
    trustedCaPems: [lab.caCertPem],
    observe: (event) => {
      if (event.type === 'received' && greetedAt === 0) greetedAt = performance.now();
    },
  });
  if (result.recipients[0]?.outcome !== 'delivered') throw new Error(`not delivered: ${JSON.stringify(result.recipients)}`);
  return performance.now() - greetedAt;
}

async function afterGreeting(name: string, lab: StartedLab, policy: SessionPolicy, target: number): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < 50; i++) samples.push(await deliver(lab, policy));
  samples.sort((a, b) => a - b);
  report({ name, median: samples[25], p90: samples[45], runs: 50, unit: 'ms', target });
}

// First start generates the CA and leaf keys; later starts read them.
await measure('startLab + close, first start (keys generated)', 1, async () => (await startLab({ dataDir })).close());
await measure('startLab + close, warm (keys cached)', 20, async () => (await startLab({ dataDir })).close(), 50);

const lab = await startLab({ dataDir });
await measure('delivery through relay, plaintext, whole', 20, () => deliver(lab, plaintext));
await measure('delivery through relay, STARTTLS, whole', 20, () => deliver(lab, starttls));
await afterGreeting('  from the greeting on, plaintext', lab, plaintext, 5);
await afterGreeting('  from the greeting on, STARTTLS (TLS 1.3)', lab, starttls, 8);
console.log(`trace events recorded: ${lab.trace.all().length}, messages stored: ${lab.mailbox.list().length}`);
await lab.close();
