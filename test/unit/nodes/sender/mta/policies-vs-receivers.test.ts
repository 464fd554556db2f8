// Each sender policy against the real receiver without STARTTLS and with a valid, expired,
// wrong-name and self-signed certificate, over real sockets: what was delivered, over what TLS,
// and the rule that refused it (RFC 3207, RFC 8461 §4–§5, RFC 7672 §2–§3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SenderPolicyName } from '../../../../../common/sender.ts';
import { lastAttempt, startSenderLab, type ReceiverKind, type SenderLab } from './lab-fixture.ts';

let env: SenderLab;
beforeAll(async () => {
  env = await startSenderLab();
}, 30_000);
afterAll(async () => {
  await env.close();
});

type Expect = { state: 'delivered'; authenticated: 'pkix' | 'dane' | null; plaintext?: boolean } | { state: 'deferred'; rule: RegExp };

const opportunistic: Record<ReceiverKind, Expect> = {
  'no-starttls': { state: 'delivered', authenticated: null, plaintext: true },
  valid: { state: 'delivered', authenticated: 'pkix' },
  'full-chain': { state: 'delivered', authenticated: 'pkix' },
  expired: { state: 'delivered', authenticated: null },
  'wrong-name': { state: 'delivered', authenticated: null },
  'self-signed': { state: 'delivered', authenticated: null },
  misissued: { state: 'delivered', authenticated: 'pkix' },
};
const mtaSts: Record<ReceiverKind, Expect> = {
  'no-starttls': { state: 'deferred', rule: /^RFC 8461 §[45]/ },
  valid: { state: 'delivered', authenticated: 'pkix' },
  'full-chain': { state: 'delivered', authenticated: 'pkix' },
  expired: { state: 'deferred', rule: /^RFC 8461 §[45]/ },
  'wrong-name': { state: 'deferred', rule: /^RFC 8461 §[45]/ },
  'self-signed': { state: 'deferred', rule: /^RFC 8461 §[45]/ },
  // Misissued by a trusted CA: PKIX cannot tell (the lesson of the fake-certificate attack).
  misissued: { state: 'delivered', authenticated: 'pkix' },
};
const dane: Record<ReceiverKind, Expect> = {
  'no-starttls': { state: 'deferred', rule: /^RFC 7672 §2\.2/ },
  valid: { state: 'delivered', authenticated: 'dane' },
  'full-chain': { state: 'delivered', authenticated: 'dane' },
  expired: { state: 'deferred', rule: /^RFC 7672 §3/ },
  'wrong-name': { state: 'deferred', rule: /^RFC 7672 §3/ },
  'self-signed': { state: 'deferred', rule: /^RFC 7672 §3/ },
  misissued: { state: 'deferred', rule: /^RFC 7672 §3/ },
};
/** The policy that required the certificate to be authenticated, when one did (the verdict says so). */
const REQUIRED_BY: Record<SenderPolicyName, 'dane' | 'mta-sts' | undefined> = { opportunistic: undefined, fallback: undefined, 'mta-sts': 'mta-sts', dane: 'dane', 'dane+mta-sts': 'dane' };
const EXPECTED: Record<SenderPolicyName, Record<ReceiverKind, Expect>> = {
  opportunistic,
  fallback: opportunistic,
  'mta-sts': mtaSts,
  dane,
  'dane+mta-sts': dane,
};

describe.each(Object.keys(EXPECTED) as SenderPolicyName[])('the %s sender', (policy) => {
  it.each(Object.keys(EXPECTED[policy]) as ReceiverKind[])('against a receiver with %s', async (kind) => {
    await env.receiverAs(kind);
    try {
      const message = await env.send({ policy, subject: `${policy} vs ${kind}` });
      const expected = EXPECTED[policy][kind];
      const attempt = lastAttempt(message);
      expect(message.state, attempt.reason).toBe(expected.state);
      const arrived = env.lab.mailbox.list().some((m) => m.subject === `${policy} vs ${kind}`);
      if (expected.state === 'delivered') {
        expect(arrived).toBe(true);
        if (expected.plaintext) expect(attempt.tls).toBeNull();
        else {
          expect(attempt.tls?.authenticated ?? null).toBe(expected.authenticated);
          expect(attempt.tls?.authenticationRequiredBy).toBe(REQUIRED_BY[policy]);
          expect(attempt.tls?.authenticationRequired).toBe(REQUIRED_BY[policy] !== undefined);
        }
        expect(message.notice?.kind).toBe('delivered');
      } else {
        expect(arrived).toBe(false);
        expect(attempt.rule).toMatch(expected.rule);
        expect(message.notice?.kind).toBe('delayed');
        expect(message.notice?.text).toContain('Action: delayed');
        expect(message.nextRetryAt).not.toBeNull();
      }
    } finally {
      await env.receiverAs('valid');
    }
  });
});

describe('TLS-RPT counts each refusal with the RFC 8460 §4.3 result type', () => {
  it.each([
    ['no-starttls', 'starttls-not-supported'],
    ['expired', 'certificate-expired'],
    ['wrong-name', 'certificate-host-mismatch'],
    ['self-signed', 'certificate-not-trusted'],
  ] as const)('mta-sts against %s counts %s', async (kind, resultType) => {
    await env.receiverAs(kind);
    try {
      await env.send({ policy: 'mta-sts' });
    } finally {
      await env.receiverAs('valid');
    }
    const sts = env.lab.sender.tlsrpt.aggregates('example.jp').find((a) => a.policy.type === 'sts')!;
    expect(sts.details.map((d) => d.detail.resultType)).toContain(resultType);
  });
});
