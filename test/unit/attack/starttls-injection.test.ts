// starttls-injection on real sockets, against the fixed receiver (discards what was pipelined
// before the handshake, RFC 3207 §6) and its vulnerable mode (runs it inside TLS, CVE-2011-0411).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowOf, flowOfPort, waitForEvent } from '../nodes/lab-fixture.ts';
import { attackRows, deliver, openAttackLab, opportunistic, type AttackLab } from './attack-fixture.ts';

describe('starttls-injection against the fixed receiver', () => {
  let t: AttackLab;
  beforeAll(async () => {
    t = await openAttackLab();
  });
  afterAll(async () => t.close());

  it('puts the command in the same packet as STARTTLS; the receiver discards it and the delivery goes through TLS', async () => {
    await t.attack('starttls-injection', { command: 'RSET' });
    const before = t.lab.mailbox.list().length;
    const { result, localPort } = await deliver(t.port25, opportunistic, { caPem: t.lab.caCertPem });
    expect(result.recipients[0].outcome).toBe('delivered');
    expect(t.lab.mailbox.list()[before].tls?.version).toBe('TLSv1.3');
    const flow = await flowOfPort(t.lab, localPort);
    const [inject] = attackRows(flowOf(t.lab, flow), 'inject');
    expect(Buffer.from(inject.attack!.before, 'base64').toString()).toBe('STARTTLS\r\n');
    expect(Buffer.from(inject.attack!.after, 'base64').toString()).toBe('STARTTLS\r\nRSET\r\n');
    expect(inject).toMatchObject({ dir: 'c2s', rule: 'RFC 3207 §6', detail: { direction: 'command', injected: 'RSET' } });
    const buffer = await waitForEvent(t.lab, (e) => e.flow === flow && e.detail?.kind === 'starttls-buffer');
    expect(buffer.detail).toMatchObject({ action: 'discarded', commands: ['RSET'] });
  });

  it('with receiver=vulnerable the same receiver runs it inside TLS while the attack is on, and discards again after', async () => {
    await t.attack('starttls-injection', { command: 'HELP', receiver: 'vulnerable' });
    const first = await deliver(t.port25, opportunistic, { caPem: t.lab.caCertPem });
    const firstFlow = await flowOfPort(t.lab, first.localPort);
    const executed = await waitForEvent(t.lab, (e) => e.flow === firstFlow && e.detail?.kind === 'starttls-buffer');
    expect(executed.detail).toMatchObject({ action: 'executed', commands: ['HELP'] });
    await t.attacker.off();
    await t.attack('starttls-injection', { command: 'HELP' });
    const second = await deliver(t.port25, opportunistic, { caPem: t.lab.caCertPem });
    const secondFlow = await flowOfPort(t.lab, second.localPort);
    const discarded = await waitForEvent(t.lab, (e) => e.flow === secondFlow && e.detail?.kind === 'starttls-buffer');
    expect(discarded.detail).toMatchObject({ action: 'discarded' });
    expect(second.result.recipients[0].outcome).toBe('delivered');
  });

  it('a fake reply after 220 is discarded by the client (RFC 3207 §6)', async () => {
    await t.attack('starttls-injection', { direction: 'reply' });
    const { result, localPort } = await deliver(t.port25, opportunistic, { caPem: t.lab.caCertPem });
    expect(result.recipients[0].outcome).toBe('delivered');
    expect(result.discardedAfterStarttls).toBe('250-mx.example.jp\r\n250 AUTH PLAIN LOGIN\r\n'.length);
    const flow = await flowOfPort(t.lab, localPort);
    expect(attackRows(flowOf(t.lab, flow), 'inject')[0].detail).toMatchObject({ direction: 'reply' });
    // The eavesdropper view reads the fake reply as plaintext, then resynchronises on the ServerHello.
    await waitForEvent(t.lab, (e) => e.flow === flow && e.layer === 'tls' && e.dir === 's2c' && e.visibility === 'encrypted');
    const s2c = flowOf(t.lab, flow).filter((e) => e.dir === 's2c' && (e.layer === 'tls' || e.detail?.afterStarttls === true));
    expect(s2c[0]).toMatchObject({ layer: 'smtp', visibility: 'plaintext', rule: 'RFC 3207 §6', detail: { kind: 'reply', code: 250 } });
    expect(s2c.find((e) => e.layer === 'tls')?.summary).toMatch(/^ServerHello: TLSv1\.3/);
    expect(s2c.filter((e) => e.detail?.kind === 'not-tls' || e.detail?.kind === 'opaque')).toEqual([]);
  });
});

describe('starttls-injection against the vulnerable receiver', () => {
  let t: AttackLab;
  beforeAll(async () => {
    t = await openAttackLab({ receiver: { starttlsPlaintext: 'execute' } });
  });
  afterAll(async () => t.close());

  it('the receiver runs the injected command inside TLS, and the client reads its reply as the answer to its own EHLO', async () => {
    await t.attack('starttls-injection', { command: 'HELP' });
    const { result, localPort } = await deliver(t.port25, opportunistic, { caPem: t.lab.caCertPem });
    const flow = await flowOfPort(t.lab, localPort);
    const executed = await waitForEvent(t.lab, (e) => e.flow === flow && e.detail?.kind === 'starttls-buffer');
    expect(executed).toMatchObject({ rule: 'RFC 3207 §6', detail: { action: 'executed', commands: ['HELP'] } });
    // HELP's 214 arrived inside TLS before the EHLO reply: the client took it for the EHLO answer.
    const helpReply = await waitForEvent(t.lab, (e) => e.flow === flow && e.detail?.kind === 'reply' && e.detail?.inReplyTo === 'HELP');
    expect(helpReply).toMatchObject({ visibility: 'encrypted', detail: { code: 214, insideTls: true } });
    expect(result.tls?.version).toBe('TLSv1.3');
    expect(result.recipients[0].outcome).not.toBe('delivered');
  });
});
