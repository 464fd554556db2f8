// A whole lab on loopback with its attacker, and an SMTP client that
// delivers through the learner's link (terminal → mx.example.jp:25) as a sender would.
import type { AttackName, AttackStatus } from '../../../common/attack.ts';
import type { TraceEvent } from '../../../common/trace.ts';
import type { Attacker } from '../../../engine/attack/attacker.ts';
import type { StartLabConfig } from '../../../engine/lab/start-lab.ts';
import { runSmtpConnection } from '../../../engine/nodes/sender/smtp-connection.ts';
import type { TlsLimits } from '../../../engine/nodes/sender/trust-store.ts';
import { SmtpClientSession } from '../../../engine/protocol/smtp-client/session.ts';
import type { SessionPolicy, SessionResult } from '../../../engine/protocol/smtp-client/types.ts';
import { openTestLab, type TestLab } from '../nodes/lab-fixture.ts';

export interface AttackLab extends TestLab {
  attacker: Attacker;
  /** Switches an attack on; fails the test when it is refused. */
  attack(name: AttackName, params?: Record<string, string>): Promise<AttackStatus>;
}

export async function openAttackLab(config: Omit<StartLabConfig, 'dataDir'> = {}): Promise<AttackLab> {
  const t = await openTestLab(config);
  const { lab } = t;
  const attacker = lab.attacker;
  return {
    ...t,
    attacker,
    async attack(name, params = {}) {
      const result = await attacker.set(name, params);
      if (!result.ok) throw new Error(result.message);
      return result.status;
    },
    async close() {
      await attacker.close();
      await t.close();
    },
  };
}

export const opportunistic: SessionPolicy = {
  tls: ({ extensions, refused }) =>
    extensions.starttls && !refused ? { action: 'starttls', rule: 'RFC 3207 §4', reason: 'offered' } : { action: 'plaintext', rule: 'RFC 3207 §4', reason: refused ? 'refused' : 'not offered' },
};

/** Quits unless the certificate chains to the lab CA and names the host (PKIX, as MTA-STS checks it). */
export const pkixVerified: SessionPolicy = {
  ...opportunistic,
  afterTls: (info) => (info.authorized ? { action: 'continue', rule: 'RFC 8461 §4.2', reason: 'certificate valid' } : { action: 'quit', rule: 'RFC 8461 §4.2', reason: `certificate invalid: ${info.authorizationError}` }),
};

export const plaintextOnly: SessionPolicy = { tls: () => ({ action: 'plaintext', rule: 'test', reason: 'plaintext run' }) };

export const SUBJECT = 'Quarterly numbers';
export const BODY = 'The secret figure is 42.\r\n.A line that starts with a dot\r\n';

export function message(subject = SUBJECT, body = BODY): Buffer {
  return Buffer.from(`From: alice@sender.example\r\nTo: bob@example.jp\r\nSubject: ${subject}\r\n\r\n${body}`);
}

export interface Delivery {
  result: SessionResult;
  localPort: number;
}

/** One SMTP session from mail.sender.example to the given loopback port. */
export async function deliver(port: number, policy: SessionPolicy, options: { tls?: TlsLimits; caPem: string; body?: Buffer } ): Promise<Delivery> {
  const session = new SmtpClientSession({
    clientName: 'mail.sender.example',
    serverName: 'mx.example.jp',
    from: 'alice@sender.example',
    to: ['bob@example.jp'],
    message: options.body ?? message(),
    policy,
    timeoutsMs: { greeting: 5000, ehlo: 5000, helo: 5000, starttls: 5000, mail: 5000, rcpt: 5000, data: 5000, 'data-end': 20000, quit: 5000 },
  });
  let localPort = 0;
  const result = await runSmtpConnection({
    port,
    session,
    trustedCaPems: [options.caPem],
    ...(options.tls ? { tls: options.tls } : {}),
    observe: (event) => {
      if (event.type === 'connected') localPort = event.localPort;
    },
  });
  return { result, localPort };
}

export const attackRows = (events: TraceEvent[], action?: string) => events.filter((e) => e.layer === 'attack' && (action === undefined || e.detail?.action === action));

/** Waits until the attacker's knowledge satisfies the predicate. */
export async function knowledgeWhen(attacker: Attacker, ok: (s: AttackStatus) => boolean, timeoutMs = 3000): Promise<AttackStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = attacker.status();
    if (ok(status)) return status;
    if (Date.now() > deadline) throw new Error(`attacker knowledge never matched: ${JSON.stringify(status.knowledge).slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
