// Commands pipelined after STARTTLS, before the handshake (RFC 3207 §6, CVE-2011-0411): the
// default receiver discards them and says so in the trace; the injection lab's vulnerable mode
// executes them inside TLS, where the client reads their replies as if they answered it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowOf, flowOfPort, openTestLab, waitForEvent, type TestLab } from '../nodes/lab-fixture.ts';
import { WireClient } from '../nodes/wire-client.ts';

async function greet(port: number): Promise<WireClient> {
  const c = await WireClient.connect(port);
  expect(await c.reply()).toMatch(/^220 /);
  return c;
}

/** EHLO, then STARTTLS with two commands in the same write, then the handshake. */
async function injectAfterStarttls(t: TestLab): Promise<{ c: WireClient; flow: string }> {
  const c = await greet(t.port25);
  const flow = await flowOfPort(t.lab, c.socket.localPort!);
  await c.command('EHLO learner.example');
  c.send('STARTTLS\r\nNOOP\r\nHELP\r\n');
  expect(await c.reply()).toMatch(/^220/);
  await c.upgrade(t.lab.caCertPem);
  return { c, flow };
}

describe('receiver, default: plaintext after STARTTLS is discarded', () => {
  let t: TestLab;
  beforeAll(async () => {
    t = await openTestLab();
  });
  afterAll(async () => t.close());

  it('answers nothing for it inside TLS and names it in the trace', async () => {
    const { c, flow } = await injectAfterStarttls(t);
    // The first reply inside TLS answers the client's own EHLO.
    expect(await c.command('EHLO learner.example')).toMatch(/^250-mx\.example\.jp/);
    const row = await waitForEvent(t.lab, (e) => e.flow === flow && e.detail?.kind === 'starttls-buffer');
    expect(row).toMatchObject({ layer: 'smtp', rule: 'RFC 3207 §6', detail: { action: 'discarded', commands: ['NOOP', 'HELP'] } });
    c.destroy();
  });

  it('a session without anything pipelined has no such row', async () => {
    const c = await greet(t.port25);
    const flow = await flowOfPort(t.lab, c.socket.localPort!);
    await c.command('EHLO learner.example');
    await c.starttls(t.lab.caCertPem);
    expect(await c.command('EHLO learner.example')).toMatch(/^250-/);
    expect(flowOf(t.lab, flow).some((e) => e.detail?.kind === 'starttls-buffer')).toBe(false);
    c.destroy();
  });
});

describe('receiver, vulnerable mode (starttlsPlaintext: execute)', () => {
  let t: TestLab;
  beforeAll(async () => {
    t = await openTestLab({ receiver: { starttlsPlaintext: 'execute' } });
  });
  afterAll(async () => t.close());

  it('executes the injected commands inside TLS: their replies come first, encrypted', async () => {
    const { c, flow } = await injectAfterStarttls(t);
    // Nothing sent inside TLS yet, and replies arrive: NOOP's 250, then HELP's 214.
    expect(await c.reply()).toMatch(/^250 /);
    expect(await c.reply()).toMatch(/^214 /);
    expect(await c.command('EHLO learner.example')).toMatch(/^250-mx\.example\.jp/);
    const row = await waitForEvent(t.lab, (e) => e.flow === flow && e.detail?.kind === 'starttls-buffer');
    expect(row).toMatchObject({ rule: 'RFC 3207 §6', detail: { action: 'executed', commands: ['NOOP', 'HELP'] } });
    expect(row.summary).toContain('CVE-2011-0411');
    // The receiver's view inside TLS pairs the replies with the injected commands.
    const noopReply = await waitForEvent(t.lab, (e) => e.flow === flow && e.detail?.kind === 'reply' && e.detail?.inReplyTo === 'NOOP');
    expect(noopReply).toMatchObject({ visibility: 'encrypted', detail: { insideTls: true, code: 250 } });
    c.destroy();
  });

  it('switches back to discarding at run time', async () => {
    t.lab.receiver.setStarttlsPlaintext('discard');
    const { c, flow } = await injectAfterStarttls(t);
    expect(await c.command('EHLO learner.example')).toMatch(/^250-mx\.example\.jp/);
    const row = await waitForEvent(t.lab, (e) => e.flow === flow && e.detail?.kind === 'starttls-buffer');
    expect(row.detail?.action).toBe('discarded');
    c.destroy();
    t.lab.receiver.setStarttlsPlaintext('execute');
  });
});
