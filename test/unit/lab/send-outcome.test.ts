// The verdict a learner reads for one delivery (outcome of `smtp-lab send`, the Send tab, `lab
// send`), decided from this message's own connections in a real lab with its attacker on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttackName } from '../../../common/attack.ts';
import type { OutboundMessage, SendRequest } from '../../../common/sender.ts';
import { sendOutcome } from '../../../engine/lab/send-outcome.ts';
import { openAttackLab, type AttackLab } from '../attack/attack-fixture.ts';

const SUBJECT = 'Board minutes';
const SECRET = 'The merger closes on Friday.';

async function sendUnder(t: AttackLab, attack: AttackName, params: Record<string, string>, policy: SendRequest['policy'], extra: Partial<SendRequest> = {}): Promise<OutboundMessage> {
  await t.attack(attack, params);
  return send(t, policy, extra);
}

async function send(t: AttackLab, policy: SendRequest['policy'], extra: Partial<SendRequest> = {}): Promise<OutboundMessage> {
  const submitted = t.lab.sender.submit({ from: 'alice@sender.example', to: ['bob@example.jp'], subject: SUBJECT, body: SECRET, policy, ...extra });
  if (!submitted.ok) throw new Error(submitted.message);
  return t.lab.sender.settled(submitted.message.id);
}

describe('the outcome of a delivery under attack', () => {
  let t: AttackLab;
  beforeAll(async () => {
    t = await openAttackLab();
  });
  afterAll(async () => t.close());

  it('strip-starttls: read when sent in plaintext, not read when MTA-STS or DANE refused the same subject and body', async () => {
    const plain = await sendUnder(t, 'strip-starttls', {}, 'opportunistic');
    expect(plain.outcome).toMatchObject({ delivered: true, tls: null, attackerRead: true, stoppedBy: null, downgrade: null });
    // The attack stays on: the attacker still holds the first message's subject and body; these are other messages.
    const sts = await send(t, 'mta-sts');
    expect(sts.state).toBe('deferred');
    expect(sts.outcome).toMatchObject({ delivered: false, attackerRead: false, stoppedBy: 'RFC 8461 §5' });
    const dane = await send(t, 'dane');
    expect(dane.state).toBe('deferred');
    expect(dane.outcome?.attackerRead).toBe(false);
    expect(dane.outcome?.stoppedBy).toMatch(/^RFC 7672/);
    expect(t.attacker.status().knowledge.messages.some((m) => m.body.includes(SECRET))).toBe(true);
  });

  it('eavesdrop on STARTTLS: ciphertext only, not read', async () => {
    const m = await sendUnder(t, 'eavesdrop', {}, 'opportunistic');
    expect(m.outcome).toMatchObject({ delivered: true, attackerRead: false, tls: { version: 'TLSv1.3' } });
  });

  it('fake-certificate (misissued) against MTA-STS: PKIX-authenticated TLS, and read inside the TLS the attacker ended', async () => {
    const m = await sendUnder(t, 'fake-certificate', { certificate: 'misissued' }, 'mta-sts');
    expect(m.outcome).toMatchObject({ delivered: true, attackerRead: true, tls: { authenticated: 'pkix' } });
  });

  it('tls-downgrade, fallback with TLS_FALLBACK_SCSV: the server refuses the retry, then the sender goes to plaintext and is read', async () => {
    const m = await sendUnder(t, 'tls-downgrade', { max: 'TLSv1.2', mode: 'reset' }, 'fallback');
    expect(m.outcome).toMatchObject({
      delivered: true,
      tls: null,
      attackerRead: true,
      downgrade: { offered: ['TLSv1.3', 'TLSv1.2'], scsv: true, stoppedBy: 'RFC 7507 §3', then: 'plaintext', version: null },
    });
  });

  it('tls-downgrade, fallback without SCSV: downgraded to TLS 1.2, still encrypted, not read', async () => {
    const m = await sendUnder(t, 'tls-downgrade', { max: 'TLSv1.2', mode: 'reset' }, 'fallback', { fallbackScsv: false });
    expect(m.outcome).toMatchObject({
      delivered: true,
      attackerRead: false,
      tls: { version: 'TLSv1.2' },
      downgrade: { offered: ['TLSv1.3', 'TLSv1.2'], scsv: false, stoppedBy: null, then: 'tls', version: 'TLSv1.2' },
    });
  });

  it('tls-downgrade rewriting supported_versions: the client finds the TLS 1.3 sentinel itself (not the server\'s SCSV alert)', async () => {
    const m = await sendUnder(t, 'tls-downgrade', { max: 'TLSv1.2', mode: 'rewrite' }, 'fallback');
    expect(m.outcome?.downgrade).toMatchObject({ offered: ['TLSv1.3'], stoppedBy: 'RFC 8446 §4.1.3', then: 'plaintext' });
    const rows = t.lab.trace.all().filter((e) => e.layer === 'policy' && e.detail?.message === m.id && e.detail?.verdict === 'downgrade-detected');
    expect(rows.map((e) => e.rule)).toEqual(['RFC 8446 §4.1.3']);
  });

  it('impostor: the attacker accepted and read it, which is not a delivery', async () => {
    const m = await sendUnder(t, 'impostor', { 'spoof-mx': 'on' }, 'opportunistic');
    expect(m.state).toBe('delivered');
    expect(m.outcome).toMatchObject({ delivered: false, attackerRead: true });
    expect(m.outcome?.reason).toMatch(/not the genuine mx\.example\.jp/);
  });
});

describe('sendOutcome', () => {
  const message: OutboundMessage = {
    id: 'Q0001',
    messageId: '<q1@sender.example>',
    queuedAt: '2026-12-06T00:00:00Z',
    request: { from: 'a@sender.example', to: ['b@example.jp'], subject: 's', body: 'b', policy: 'opportunistic' },
    state: 'delivered',
    attempts: [{ at: '2026-12-06T00:00:00Z', mxHost: 'mx.example.jp', address: '192.0.2.25', flow: 'f9', tls: null, result: 'delivered', reason: 'ok', rule: 'RFC 5321 §4.1.1.4', downgrade: null }],
    nextRetryAt: null,
    notice: null,
    outcome: null,
  };

  it('asks about this message on its own flows only', () => {
    const asked: [readonly string[], string][] = [];
    const outcome = sendOutcome(message, [], (flows, id) => {
      asked.push([flows, id]);
      return flows.includes('f9') && id === '<q1@sender.example>';
    });
    expect(asked).toEqual([[['f9'], '<q1@sender.example>']]);
    expect(outcome.attackerRead).toBe(true);
    expect(sendOutcome(message, [], () => false).attackerRead).toBe(false);
  });

  it('delivered only when the genuine mailbox holds its Message-ID', () => {
    expect(sendOutcome(message, [], () => false).delivered).toBe(false);
  });
});
