// Replies that end or split the transaction, replies that break the grammar, and the DATA payload.
import { describe, expect, it } from 'vitest';
import { MESSAGE, session } from './fixtures.ts';
import { EHLO, expectSession } from './playbook.ts';

const greeted = (s = session(), ehloReply?: string) => expectSession(s).greeted(ehloReply);

describe('SMTP client session: 4xx and 5xx', () => {
  it('4xx to MAIL FROM defers every recipient', () => {
    const result = greeted(session({ to: ['b@example.jp', 'c@example.jp'] }))
      .sent('MAIL FROM:<a@sender.example>')
      .received('451 4.7.1 greylisted, try later')
      .quit();
    expect(result.recipients.map((r) => [r.recipient, r.outcome, r.code, r.enhancedStatus])).toEqual([
      ['b@example.jp', 'deferred', 451, '4.7.1'],
      ['c@example.jp', 'deferred', 451, '4.7.1'],
    ]);
  });

  it('5xx to MAIL FROM bounces every recipient', () => {
    const result = greeted().sent('MAIL FROM:<a@sender.example>').received('550 5.7.1 sender rejected').quit();
    expect(result.recipients[0]).toMatchObject({ outcome: 'bounced', code: 550, rule: 'RFC 5321 §4.1.1.2' });
  });

  it('collects one result per recipient and sends DATA for the accepted ones only', () => {
    const result = greeted(session({ to: ['ok@example.jp', 'later@example.jp', 'gone@example.jp'] }))
      .sent('MAIL FROM:<a@sender.example>')
      .received('250 OK')
      .sent('RCPT TO:<ok@example.jp>')
      .received('250 OK')
      .sent('RCPT TO:<later@example.jp>')
      .received('452 4.2.2 mailbox full')
      .sent('RCPT TO:<gone@example.jp>')
      .received('550 5.1.1 no such user')
      .sent('DATA')
      .received('354 go')
      .sentData(() => {})
      .received('250 2.0.0 OK')
      .quit();
    expect(result.recipients.map((r) => `${r.recipient} ${r.outcome} ${r.code}`)).toEqual([
      'ok@example.jp delivered 250',
      'later@example.jp deferred 452',
      'gone@example.jp bounced 550',
    ]);
  });

  it('sends no DATA when every recipient was refused', () => {
    const result = greeted().sent('MAIL FROM:<a@sender.example>').received('250 OK').sent('RCPT TO:<b@example.jp>').received('550 no').quit();
    expect(result.recipients[0].outcome).toBe('bounced');
  });

  it('4xx to DATA defers, 5xx after the dot bounces', () => {
    const deferred = greeted().sent('MAIL FROM:<a@sender.example>').received('250 OK').sent('RCPT TO:<b@example.jp>').received('250 OK').sent('DATA').received('451 4.3.0 local error').quit();
    expect(deferred.recipients[0]).toMatchObject({ outcome: 'deferred', code: 451 });
    const bounced = greeted().sentMessage().received('554 5.6.0 message refused').quit();
    expect(bounced.recipients[0]).toMatchObject({ outcome: 'bounced', code: 554, enhancedStatus: '5.6.0' });
  });

  it('a server that closes mid-transaction defers (RFC 5321 §3.8)', () => {
    const result = greeted().sent('MAIL FROM:<a@sender.example>').serverClosed().ended();
    expect(result.recipients[0]).toMatchObject({ outcome: 'deferred', rule: 'RFC 5321 §3.8' });
    expect(result.error?.rule).toBe('RFC 5321 §3.8');
  });
});

describe('SMTP client session: reply grammar (RFC 5321 §4.2)', () => {
  it('assembles a multi-line reply split across chunks, even inside a line and a CRLF', () => {
    expectSession(session())
      .received('220 mx')
      .sent(EHLO)
      .receivedChunks('250-mx.exa', 'mple.jp\r\n250-8BIT', 'MIME\r', '\n25', '0 SIZE 100000\r')
      .waiting()
      .receivedChunks('\n')
      .sent(`MAIL FROM:<a@sender.example> SIZE=${MESSAGE.length}`);
  });

  it('a continuation line with another code is a malformed reply: an error value, no QUIT', () => {
    const result = greeted(session(), '250-mx\r\n251 STARTTLS').closed();
    expect(result.error).toMatchObject({ rule: 'RFC 5321 §4.2.1' });
    expect(result.error?.reason).toMatch(/^malformed reply "251 STARTTLS\\x0d\\x0a"/);
    expect(result.recipients[0]).toMatchObject({ outcome: 'deferred', rule: 'RFC 5321 §4.2.1' });
  });

  it.each([
    ['a bare LF', '220 mx\n', 'RFC 5321 §2.3.8'],
    ['no code', 'hello there\r\n', 'RFC 5321 §4.2'],
    ['a code without separator', '220mx\r\n', 'RFC 5321 §4.2'],
    ['a line over 512 octets', `220 ${'x'.repeat(520)}\r\n`, 'RFC 5321 §4.5.3.1.5'],
  ])('%s is malformed', (_what, bytes, rule) => {
    const result = expectSession(session()).receivedChunks(bytes).closed();
    expect(result.error?.rule).toBe(rule);
  });

  it('a 421 (service closing) defers, whatever it answers', () => {
    const result = greeted().sent('MAIL FROM:<a@sender.example>').received('421 4.3.2 shutting down').sent('QUIT').serverClosed().ended();
    expect(result.recipients[0]).toMatchObject({ outcome: 'deferred', code: 421 });
  });
});

describe('SMTP client session: the DATA payload (RFC 5321 §4.5.2, §2.3.8)', () => {
  const dataOf = (message: string) => {
    let sent = '';
    expectSession(session({ message: Buffer.from(message, 'latin1') }))
      .greeted('250-mx\r\n250 8BITMIME')
      .sentMessage((data) => (sent = data));
    return sent;
  };

  it('doubles a leading dot on every line, so a lone "." inside the body cannot end it', () => {
    expect(dataOf('Subject: dots\r\n\r\n.\r\n..two\r\n.hidden\r\nmid.dle\r\n')).toBe('Subject: dots\r\n\r\n..\r\n...two\r\n..hidden\r\nmid.dle\r\n.\r\n');
  });

  it('sends CRLF only: bare LF and bare CR become CRLF, a missing last line end is added', () => {
    expect(dataOf('Subject: x\n\nline1\rline2\nlast')).toBe('Subject: x\r\n\r\nline1\r\nline2\r\nlast\r\n.\r\n');
  });

  it('a text line over 1000 octets bounces before MAIL FROM (RFC 5321 §4.5.3.1.6)', () => {
    const result = greeted(session({ message: Buffer.from(`Subject: x\r\n\r\n${'a'.repeat(999)}\r\n`) })).quit();
    expect(result.recipients[0]).toMatchObject({ outcome: 'bounced', rule: 'RFC 5321 §4.5.3.1.6', enhancedStatus: '5.6.0' });
    expect(result.recipients[0].reason).toMatch(/line 3 .* 1001 octets/);
  });

  it('8-bit content goes with BODY=8BITMIME, and bounces when the server lacks it (RFC 6152 §3)', () => {
    const message = Buffer.from('Subject: x\r\n\r\ncaf\xc3\xa9\r\n', 'latin1');
    greeted(session({ message }), '250-mx\r\n250 8BITMIME').sent('MAIL FROM:<a@sender.example> BODY=8BITMIME').waiting();
    const result = greeted(session({ message })).quit();
    expect(result.recipients[0]).toMatchObject({ outcome: 'bounced', enhancedStatus: '5.6.3' });
  });

  it('a message larger than the SIZE limit bounces without MAIL FROM (RFC 1870 §6)', () => {
    const result = greeted(session(), '250-mx\r\n250 SIZE 10').quit();
    expect(result.recipients[0]).toMatchObject({ outcome: 'bounced', enhancedStatus: '5.3.4', rule: 'RFC 1870 §6' });
  });

  it('a recipient that cannot be written in a command is bounced without being sent', () => {
    const result = greeted(session({ to: ['x\r\nRSET@example.jp', 'b@example.jp'] }))
      .sent('MAIL FROM:<a@sender.example>')
      .received('250 OK')
      .sent('RCPT TO:<b@example.jp>')
      .received('550 no')
      .quit();
    expect(result.recipients[0]).toMatchObject({ outcome: 'bounced', rule: 'RFC 5321 §4.5.3.1', enhancedStatus: '5.1.3' });
  });
});
