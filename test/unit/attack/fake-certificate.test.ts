// fake-certificate on real sockets: the attacker ends the client's TLS with its own certificate
// for mx.example.jp, opens its own TLS to the receiver, and reads the message in between.
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowOf, flowOfPort, waitForEvent } from '../nodes/lab-fixture.ts';
import { attackRows, deliver, knowledgeWhen, openAttackLab, opportunistic, pkixVerified, SUBJECT, type AttackLab } from './attack-fixture.ts';

let t: AttackLab;

beforeAll(async () => {
  t = await openAttackLab();
});

afterAll(async () => t.close());

const leafOf = (der: Uint8Array | undefined) => new X509Certificate(Buffer.from(der!));

describe('fake-certificate', () => {
  it('misissued: PKIX-valid for mx.example.jp, so even a verifying client delivers, over TLS to the attacker, who reads it all', async () => {
    await t.attack('fake-certificate', { certificate: 'misissued' });
    const before = t.lab.mailbox.list().length;
    const { result, localPort } = await deliver(t.port25, pkixVerified, { caPem: t.lab.caCertPem });
    expect(result.recipients[0].outcome).toBe('delivered');
    expect(result.tls?.authorized).toBe(true);
    const presented = leafOf(result.tls?.peerChain[0]);
    const genuine = new X509Certificate((await t.lab.pki.leaf('mx.example.jp')).certPem);
    const misissued = new X509Certificate((await t.lab.pki.variant('mx.example.jp', 'misissued')).certPem);
    expect(presented.fingerprint256).toBe(misissued.fingerprint256);
    expect(presented.fingerprint256).not.toBe(genuine.fingerprint256);
    // The receiver got it over TLS too: from the attacker.
    const stored = t.lab.mailbox.list()[before];
    expect(stored.tls?.version).toBe('TLSv1.3');
    const status = await knowledgeWhen(t.attacker, (s) => s.knowledge.messages.length > 0);
    expect(status.knowledge.messages[0].subject).toBe(SUBJECT);
    expect(status.knowledge.envelopes[0]).toEqual({ mailFrom: 'alice@sender.example', rcptTo: ['bob@example.jp'] });
    const flow = await flowOfPort(t.lab, localPort);
    const sides = attackRows(flowOf(t.lab, flow), 'intercept-tls').map((e) => e.detail?.side);
    expect(sides).toEqual(expect.arrayContaining(['client', 'server']));
    // The link's trace shows the client's side: TLS records, not the plaintext.
    const wire = flowOf(t.lab, flow).filter((e) => e.layer === 'tls' && e.visibility === 'encrypted');
    expect(wire.length).toBeGreaterThan(0);
  });

  it('self-signed: an opportunistic client takes it, a verifying one quits before MAIL FROM', async () => {
    await t.attack('fake-certificate', { certificate: 'self-signed' });
    const taken = await deliver(t.port25, opportunistic, { caPem: t.lab.caCertPem });
    expect(taken.result.recipients[0].outcome).toBe('delivered');
    expect(taken.result.tls?.authorized).toBe(false);
    const leaf = leafOf(taken.result.tls?.peerChain[0]);
    expect(leaf.issuer).toBe(leaf.subject);
    await knowledgeWhen(t.attacker, (s) => s.knowledge.messages.length === 1);

    await t.attack('fake-certificate', { certificate: 'self-signed' });
    const refused = await deliver(t.port25, pkixVerified, { caPem: t.lab.caCertPem });
    expect(refused.result.recipients[0].outcome).not.toBe('delivered');
    const flow = await flowOfPort(t.lab, refused.localPort);
    await waitForEvent(t.lab, (e) => e.flow === flow && e.layer === 'tcp' && e.detail?.kind === 'closed');
    expect(attackRows(flowOf(t.lab, flow), 'detect').map((e) => e.detail?.what)).toContain('client-quit');
    const status = t.attacker.status();
    expect(status.knowledge.messages).toEqual([]);
    expect(status.knowledge.envelopes).toEqual([]);
  });
});
