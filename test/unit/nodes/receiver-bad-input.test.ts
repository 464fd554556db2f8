// What a learner can throw at the receiver: each gets a clear answer or loses only its own
// connection, the trace shows it, and the other sessions go on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowOf, flowOfPort, openTestLab, waitForEvent, type TestLab } from './lab-fixture.ts';
import { WireClient } from './wire-client.ts';

let t: TestLab;

beforeAll(async () => {
  t = await openTestLab({ receiver: { sizeLimit: 2000 } });
});

afterAll(async () => {
  await t.close();
});

async function session(): Promise<WireClient> {
  const c = await WireClient.connect(t.port25);
  await c.reply();
  await c.command('EHLO learner.example');
  return c;
}

async function deliver(c: WireClient, subject: string): Promise<string> {
  expect(await c.command('MAIL FROM:<alice@sender.example>')).toMatch(/^250/);
  expect(await c.command('RCPT TO:<bob@example.jp>')).toMatch(/^250/);
  expect(await c.command('DATA')).toMatch(/^354/);
  c.send(`Subject: ${subject}\r\n\r\nbody\r\n.\r\n`);
  return c.reply();
}

describe('receiver: bad input', () => {
  it('answers a command line over 512 octets with 500 and goes on (RFC 5321 §4.5.3.1.4)', async () => {
    const c = await session();
    const flow = await flowOfPort(t.lab, c.socket.localPort!);
    expect(await c.command(`NOOP ${'x'.repeat(600)}`)).toMatch(/^500 Line too long: 607 octets, the limit is 512/);
    expect(await c.command('NOOP')).toMatch(/^250/);
    expect(await deliver(c, 'after a long line')).toMatch(/^250 OK/);
    const row = flowOf(t.lab, flow).find((e) => e.layer === 'smtp' && e.detail?.tooLong);
    expect(row?.rule).toBe('RFC 5321 §4.5.3.1.4');
    c.destroy();
  });

  it('accepts a 512-octet command line, the limit itself', async () => {
    const c = await session();
    expect(await c.command(`NOOP ${'x'.repeat(512 - 7)}`)).toMatch(/^250/);
    c.destroy();
  });

  it('drops only the connection that sends a line beyond 16 KB, with 421', async () => {
    const bystander = await session();
    const c = await session();
    c.send(`${'y'.repeat(20_000)}\r\n`);
    expect(await c.reply()).toMatch(/^421 /);
    await c.closed();
    expect(await deliver(bystander, 'bystander')).toMatch(/^250 OK/);
    bystander.destroy();
  });

  it('answers bytes that are not UTF-8 with 500 and shows them escaped in the trace', async () => {
    const c = await session();
    const flow = await flowOfPort(t.lab, c.socket.localPort!);
    c.send(Buffer.from([0xff, 0xfe, 0x80, 0x0d, 0x0a]));
    expect(await c.reply()).toMatch(/^500 /);
    expect(await c.command('NOOP')).toMatch(/^250/);
    const row = flowOf(t.lab, flow).find((e) => e.detail?.nonUtf8);
    expect(row?.summary).toBe('\\xff\\xfe\\x80');
    c.destroy();
  });

  it('closes a connection sending binary garbage after ten unknown commands, and no other', async () => {
    const bystander = await session();
    const c = await session();
    let last = '';
    for (let i = 0; i < 10; i++) {
      c.send(Buffer.from([0x00, 0x01, 0x02, 0xc3, 0x28, 0x0d, 0x0a]));
      last = await c.reply();
    }
    expect(last).toMatch(/^421 /);
    await c.closed();
    expect(await deliver(bystander, 'still fine')).toMatch(/^250 OK/);
    bystander.destroy();
  });

  it('takes a command ended by a bare LF and notes it in the trace (RFC 5321 §2.3.8)', async () => {
    const c = await session();
    const flow = await flowOfPort(t.lab, c.socket.localPort!);
    c.send('NOOP\n');
    expect(await c.reply()).toMatch(/^250/);
    const row = flowOf(t.lab, flow).find((e) => e.layer === 'smtp' && e.detail?.bareLf);
    expect(row?.rule).toBe('RFC 5321 §2.3.8');
    c.destroy();
  });

  it('does not end DATA on "." with a bare LF, only on CRLF.CRLF (RFC 5321 §4.1.1.4)', async () => {
    const c = await session();
    await c.command('MAIL FROM:<alice@sender.example>');
    await c.command('RCPT TO:<bob@example.jp>');
    await c.command('DATA');
    c.send('Subject: bare lf\n\nline\n.\n');
    await expect(c.reply(300)).rejects.toThrow(/no reply/);
    c.send('\r\n.\r\n');
    const id = /queued as (m\d+)/.exec(await c.reply())![1];
    const message = t.lab.mailbox.list().find((m) => m.id === id)!;
    expect(message.subject).toBe('bare lf');
    c.destroy();
  });

  it('stores nothing when the client disconnects mid-DATA; the trace shows the cut', async () => {
    const c = await session();
    const flow = await flowOfPort(t.lab, c.socket.localPort!);
    await c.command('MAIL FROM:<alice@sender.example>');
    await c.command('RCPT TO:<bob@example.jp>');
    await c.command('DATA');
    const before = t.lab.mailbox.list().length;
    c.send('Subject: never stored\r\n\r\nhalf a mess');
    await new Promise((r) => setTimeout(r, 50));
    c.destroy();
    const closed = await waitForEvent(t.lab, (e) => e.flow === flow && e.detail?.kind === 'closed');
    const cut = flowOf(t.lab, flow).find((e) => e.layer === 'smtp' && e.detail?.kind === 'data');
    expect(cut?.summary).toMatch(/^Message cut off/);
    expect(cut!.seq).toBeLessThan(closed.seq);
    await new Promise((r) => setTimeout(r, 100));
    expect(t.lab.mailbox.list().length).toBe(before);
    expect(t.lab.mailbox.list().some((m) => m.subject === 'never stored')).toBe(false);
  });

  it('refuses a message over the size limit with 552 (RFC 1870)', async () => {
    const c = await session();
    expect(await c.command('MAIL FROM:<alice@sender.example> SIZE=5000')).toMatch(/^552/);
    await c.command('MAIL FROM:<alice@sender.example>');
    await c.command('RCPT TO:<bob@example.jp>');
    await c.command('DATA');
    c.send(`Subject: too big\r\n\r\n${'z'.repeat(70)}\r\n`.repeat(40) + '.\r\n');
    expect(await c.reply()).toMatch(/^552 /);
    expect(t.lab.mailbox.list().some((m) => m.subject === 'too big')).toBe(false);
    expect(await deliver(c, 'small again')).toMatch(/^250 OK/);
    c.destroy();
  });
});
