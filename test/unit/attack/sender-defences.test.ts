// The attacks against the lab's sending MTA (mail.sender.example → mx.example.jp): what an
// opportunistic sender lets happen, and the defence that stops each attack (MTA-STS, DANE,
// DNSSEC) with the rule the sender names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttackName } from '../../../common/attack.ts';
import type { OutboundMessage, SendRequest } from '../../../common/sender.ts';
import { knowledgeWhen, openAttackLab, type AttackLab } from './attack-fixture.ts';

const SECRET = 'The merger closes on Friday.';

async function send(t: AttackLab, policy: SendRequest['policy'], extra: Partial<SendRequest> = {}): Promise<OutboundMessage> {
  const submitted = t.lab.sender.submit({ from: 'alice@sender.example', to: ['bob@example.jp'], subject: 'Board minutes', body: SECRET, policy, ...extra });
  if (!submitted.ok) throw new Error(submitted.message);
  return t.lab.sender.settled(submitted.message.id);
}

const genuine = (t: AttackLab) => t.lab.mailbox.list().filter((m) => m.text.includes(SECRET));
const lastAttempt = (m: OutboundMessage) => m.attempts.at(-1)!;
const readBody = (t: AttackLab) => t.attacker.status().knowledge.messages.some((m) => m.body.includes(SECRET));
const rulesOf = (m: OutboundMessage) => m.attempts.map((a) => a.rule).join(' | ');
/** The rules of the sender's decisions about this message, as its policy rows in the trace give them. */
const decisionRules = (t: AttackLab, m: OutboundMessage) =>
  t.lab.trace
    .all()
    .filter((e) => e.layer === 'policy' && e.detail?.message === m.id)
    .map((e) => e.rule)
    .join(' | ');

/** Sends with the attack on and returns the message, the attacker's reading and what the genuine mx got. */
async function under(t: AttackLab, name: AttackName, params: Record<string, string>, policy: SendRequest['policy'], extra: Partial<SendRequest> = {}) {
  await t.attack(name, params);
  const before = genuine(t).length;
  const message = await send(t, policy, extra);
  return { message, arrived: genuine(t).slice(before) };
}

describe('attacks on the sender → mx link', () => {
  let t: AttackLab;
  beforeAll(async () => {
    t = await openAttackLab();
  });
  afterAll(async () => t.close());

  it('eavesdrop: the opportunistic sender uses STARTTLS, so the attacker gets ciphertext only', async () => {
    const { message, arrived } = await under(t, 'eavesdrop', {}, 'opportunistic');
    expect(message.state).toBe('delivered');
    expect(lastAttempt(message).tls?.version).toBe('TLSv1.3');
    expect(arrived[0].tls?.version).toBe('TLSv1.3');
    await knowledgeWhen(t.attacker, (s) => s.knowledge.encryptedBytes > 0);
    expect(readBody(t)).toBe(false);
  });

  it('strip-starttls: the opportunistic sender delivers in plaintext and the attacker reads the body', async () => {
    const { message, arrived } = await under(t, 'strip-starttls', {}, 'opportunistic');
    expect(message.state).toBe('delivered');
    expect(lastAttempt(message).tls).toBeNull();
    expect(arrived[0].tls).toBeNull();
    await knowledgeWhen(t.attacker, () => readBody(t));
  });

  it('strip-starttls against MTA-STS enforce: not delivered, the sender names RFC 8461', async () => {
    const { message, arrived } = await under(t, 'strip-starttls', {}, 'mta-sts');
    expect(message.state).not.toBe('delivered');
    expect(arrived).toEqual([]);
    expect(rulesOf(message)).toMatch(/RFC 8461/);
    expect(readBody(t)).toBe(false);
  });

  it('strip-starttls against DANE: not delivered, the sender names RFC 7672', async () => {
    const { message, arrived } = await under(t, 'strip-starttls', {}, 'dane');
    expect(message.state).not.toBe('delivered');
    expect(arrived).toEqual([]);
    expect(rulesOf(message)).toMatch(/RFC 7672/);
    expect(readBody(t)).toBe(false);
  });

  it('tls-downgrade: a fallback sender retries until TLS 1.2 gets through', async () => {
    const { message, arrived } = await under(t, 'tls-downgrade', { max: 'TLSv1.2', mode: 'reset' }, 'fallback', { fallbackScsv: false });
    expect(message.state).toBe('delivered');
    expect(lastAttempt(message).tls?.version).toBe('TLSv1.2');
    expect(arrived[0].tls?.version).toBe('TLSv1.2');
    expect(t.lab.trace.all().some((e) => e.layer === 'attack' && e.detail?.action === 'kill')).toBe(true);
  });

  it('tls-downgrade against a fallback sender with TLS_FALLBACK_SCSV: the receiver refuses the lowered retry (RFC 7507 §3)', async () => {
    const { message } = await under(t, 'tls-downgrade', { max: 'TLSv1.2', mode: 'reset' }, 'fallback');
    const rows = t.lab.trace.all().filter((e) => e.layer === 'policy' && e.detail?.message === message.id);
    expect(rows.some((e) => e.rule === 'RFC 7507 §3' && e.detail?.verdict === 'downgrade-detected')).toBe(true);
    // No TLS version below the server's best was ever agreed: what TLS there was is not TLS 1.2.
    expect(message.attempts.every((a) => a.tls === null || a.tls.version === 'TLSv1.3')).toBe(true);
  });

  it('tls-downgrade: an opportunistic sender whose handshake is killed retries in cleartext, readable', async () => {
    const { message, arrived } = await under(t, 'tls-downgrade', { max: 'TLSv1.2', mode: 'reset' }, 'opportunistic');
    expect(message.state).toBe('delivered');
    expect(arrived[0].tls).toBeNull();
    await knowledgeWhen(t.attacker, () => readBody(t));
  });

  it('tls-downgrade against MTA-STS enforce: no cleartext retry, not delivered', async () => {
    const { message, arrived } = await under(t, 'tls-downgrade', { max: 'TLSv1.2', mode: 'reset' }, 'mta-sts');
    expect(message.state).not.toBe('delivered');
    expect(arrived).toEqual([]);
    expect(decisionRules(t, message)).toMatch(/RFC 8461 §5/);
    expect(readBody(t)).toBe(false);
  });

  it('fake-certificate (misissued) against MTA-STS: PKIX-valid, so delivered, and the attacker read it', async () => {
    const { message, arrived } = await under(t, 'fake-certificate', { certificate: 'misissued' }, 'mta-sts');
    expect(message.state).toBe('delivered');
    expect(lastAttempt(message).tls?.authenticated).toBe('pkix');
    expect(arrived).toHaveLength(1);
    await knowledgeWhen(t.attacker, () => readBody(t));
  });

  it('fake-certificate (misissued) against DANE: the key is not the one in TLSA, not delivered', async () => {
    const { message, arrived } = await under(t, 'fake-certificate', { certificate: 'misissued' }, 'dane');
    expect(message.state).not.toBe('delivered');
    expect(arrived).toEqual([]);
    expect(rulesOf(message)).toMatch(/RFC 7672/);
    expect(readBody(t)).toBe(false);
  });

  it('fake-certificate (self-signed) against MTA-STS: not delivered', async () => {
    const { message, arrived } = await under(t, 'fake-certificate', { certificate: 'self-signed' }, 'mta-sts');
    expect(message.state).not.toBe('delivered');
    expect(arrived).toEqual([]);
    expect(rulesOf(message)).toMatch(/RFC 8461/);
  });
});

describe('attacks that lead the sender elsewhere: dns-spoof and impostor', () => {
  let t: AttackLab;
  beforeAll(async () => {
    t = await openAttackLab();
  });
  afterAll(async () => t.close());

  const atImpostor = async (t: AttackLab) => (await t.attacker.status()).knowledge.messages.filter((m) => m.body.includes(SECRET));

  it('dns-spoof, first contact, MTA-STS: no _mta-sts record means no policy; the forged MX leads to the impostor', async () => {
    const { message, arrived } = await under(t, 'dns-spoof', { mx: 'impostor', 'mta-sts': 'remove' }, 'mta-sts');
    expect(message.state).toBe('delivered');
    expect(lastAttempt(message).mxHost).toBe('mail.attacker.example');
    expect(lastAttempt(message).address).toBe('203.0.113.66');
    expect(arrived).toEqual([]);
    expect(await atImpostor(t)).toHaveLength(1);
    expect(t.lab.trace.all().some((e) => e.layer === 'attack' && e.detail?.action === 'receive')).toBe(true);
  });

  it('dns-spoof against a sender that validates DNSSEC: the forged MX is bogus, nothing reaches the impostor', async () => {
    const { message, arrived } = await under(t, 'dns-spoof', {}, 'opportunistic', { dnssec: true });
    expect(message.state).not.toBe('delivered');
    expect(arrived).toEqual([]);
    expect(await atImpostor(t)).toEqual([]);
    expect(rulesOf(message)).toMatch(/RFC 4035/);
  });

  it('dns-spoof against DANE: bogus, not delivered', async () => {
    const { message } = await under(t, 'dns-spoof', {}, 'dane');
    expect(message.state).not.toBe('delivered');
    expect(await atImpostor(t)).toEqual([]);
  });

  it('impostor against MTA-STS once the policy is cached: mail.attacker.example matches no mx pattern', async () => {
    await t.attacker.off();
    expect((await send(t, 'mta-sts')).state).toBe('delivered');
    const { message, arrived } = await under(t, 'impostor', { 'spoof-mx': 'on' }, 'mta-sts');
    expect(message.state).not.toBe('delivered');
    expect(arrived).toEqual([]);
    expect(await atImpostor(t)).toEqual([]);
    expect(rulesOf(message)).toMatch(/RFC 8461/);
  });

  it('impostor with an opportunistic sender: it receives the message, over TLS with its own valid certificate', async () => {
    const { message, arrived } = await under(t, 'impostor', { 'spoof-mx': 'on' }, 'opportunistic');
    expect(message.state).toBe('delivered');
    expect(lastAttempt(message).mxHost).toBe('mail.attacker.example');
    expect(lastAttempt(message).tls?.version).toBe('TLSv1.3');
    expect(arrived).toEqual([]);
    expect(await atImpostor(t)).toHaveLength(1);
  });
});
