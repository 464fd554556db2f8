// Scripted exchanges of the sending MTA's SMTP client, read as the ladder a learner sees.
import { describe, expect, it } from 'vitest';
import { MESSAGE, mandatory, session } from './fixtures.ts';
import { EHLO, TLS13, expectSession } from './playbook.ts';

describe('SMTP client session: the transaction', () => {
  it('delivers in plaintext when no STARTTLS is offered and the policy allows it', () => {
    const result = expectSession(session())
      .received('220 mx.example.jp ESMTP')
      .sent(EHLO)
      .received('250-mx.example.jp\r\n250-SIZE 1000000\r\n250 8BITMIME')
      .noted(/no STARTTLS offered: plaintext/)
      .sent(`MAIL FROM:<a@sender.example> SIZE=${MESSAGE.length}`)
      .received('250 2.1.0 OK')
      .sent('RCPT TO:<b@example.jp>')
      .received('250 2.1.5 OK')
      .sent('DATA')
      .received('354 go ahead')
      .sentData((data) => expect(data).toBe(`${MESSAGE}.\r\n`))
      .received('250 2.0.0 queued as 42')
      .quit();
    expect(result.recipients).toMatchObject([
      { recipient: 'b@example.jp', outcome: 'delivered', code: 250, enhancedStatus: '2.0.0', reason: '250 2.0.0 queued as 42', rule: 'RFC 5321 §4.1.1.4' },
    ]);
    expect(result).toMatchObject({ stage: 'done', starttlsOffered: false, discardedAfterStarttls: 0 });
    expect(result.tls).toBeUndefined();
  });

  it('upgrades with STARTTLS, then says EHLO again and uses only the new extension list (RFC 3207 §4.2)', () => {
    const play = expectSession(session())
      .received('220 mx.example.jp ESMTP')
      .sent(EHLO)
      .received('250-mx.example.jp\r\n250-PIPELINING\r\n250 STARTTLS')
      .sent('STARTTLS')
      .received('220 2.0.0 Ready to start TLS')
      .upgraded()
      .sent(EHLO)
      .received('250-mx.example.jp\r\n250 SIZE 0')
      .sent(`MAIL FROM:<a@sender.example> SIZE=${MESSAGE.length}`)
      .received('250 OK')
      .sent('RCPT TO:<b@example.jp>')
      .received('250 OK')
      .sent('DATA')
      .received('354 go')
      .sentData(() => {})
      .received('250 OK');
    const result = play.quit();
    expect(result.recipients[0].outcome).toBe('delivered');
    expect(result.starttlsOffered).toBe(true);
    expect(result.tls).toEqual(TLS13);
    expect(result.extensions).toMatchObject({ starttls: false, pipelining: false, size: 0 });
  });

  it('never sends STARTTLS twice, even when the post-TLS EHLO lists it again', () => {
    const result = expectSession(session())
      .sentStarttls()
      .received('220 go')
      .upgraded()
      .sent(EHLO)
      .received('250-mx\r\n250 STARTTLS')
      .sent('MAIL FROM:<a@sender.example>')
      .received('250 OK')
      .sent('RCPT TO:<b@example.jp>')
      .received('550 5.1.1 no such user')
      .quit();
    expect(result.recipients[0]).toMatchObject({ outcome: 'bounced', code: 550, enhancedStatus: '5.1.1' });
  });

  it('falls back to HELO when EHLO gets a 5xx (RFC 5321 §3.2)', () => {
    const result = expectSession(session())
      .received('220 old.example.jp SMTP')
      .sent(EHLO)
      .received('502 command not implemented')
      .sent('HELO mail.sender.example')
      .received('250 old.example.jp')
      .sentMessage()
      .received('250 OK')
      .quit();
    expect(result.recipients[0].outcome).toBe('delivered');
    expect(result.extensions?.keywords).toEqual([]);
  });

  it('QUITs when the greeting is not 220', () => {
    const result = expectSession(session()).received('554 5.3.2 no service here').quit();
    expect(result.recipients[0]).toMatchObject({ outcome: 'bounced', code: 554, rule: 'RFC 5321 §3.1' });
    expect(result.stage).toBe('greeting');
  });

  it('arms the RFC 5321 §4.5.3.2 timeouts for each reply it waits for', () => {
    const play = expectSession(session({ timeoutsMs: { greeting: 1000 } })).received('220 mx').sent(EHLO);
    expect(play.timers).toEqual(['greeting:1000', 'ehlo:300000']);
    const result = play.timedOut().closed();
    expect(result.error).toMatchObject({ rule: 'RFC 5321 §4.5.3.2', reason: 'no ehlo reply within 300000 ms' });
    expect(result.recipients[0].outcome).toBe('deferred');
  });
});

describe('SMTP client session: TLS policy', () => {
  it('QUITs when no STARTTLS is offered and the policy demands TLS', () => {
    const result = expectSession(session({ policy: mandatory }))
      .greeted('250-mx\r\n250-XXXXXXXA\r\n250 SIZE 1000')
      .noted(/RFC 8461 §5: no STARTTLS offered: not delivering/)
      .quit();
    expect(result.recipients[0]).toEqual({ recipient: 'b@example.jp', outcome: 'deferred', rule: 'RFC 8461 §5', reason: 'no STARTTLS offered: not delivering' });
    expect(result.starttlsOffered).toBe(false);
  });

  it('asks the policy again after 454 to STARTTLS: opportunistic goes on in plaintext', () => {
    const result = expectSession(session())
      .sentStarttls()
      .received('454 4.7.0 TLS not available')
      .noted(/STARTTLS refused \(454\)/)
      .sentMessage()
      .received('250 OK')
      .quit();
    expect(result.recipients[0].outcome).toBe('delivered');
    expect(result.tls).toBeUndefined();
  });

  it('454 to STARTTLS under a TLS-or-nothing policy: QUIT, deferred', () => {
    const result = expectSession(session({ policy: mandatory })).sentStarttls().received('454 4.7.0 TLS not available').quit();
    expect(result.recipients[0]).toMatchObject({ outcome: 'deferred', rule: 'RFC 8461 §5' });
  });

  it('discards bytes pipelined after the 220 to STARTTLS and never acts on them (RFC 3207 §6)', () => {
    const play = expectSession(session())
      .sentStarttls()
      .receivedChunks('220 go ahead\r\n250-mx\r\n250 PIPELINING\r\n')
      .noted(/RFC 3207 §6: discarded 24 bytes/);
    // Bytes that slip in while the handshake runs are dropped too.
    play.receivedChunks('250 injected\r\n').noted(/discarded 14 bytes/);
    const result = play
      .upgraded()
      .sent(EHLO)
      .received('250-mx\r\n250 REQUIRETLS')
      .sent('MAIL FROM:<a@sender.example>')
      .received('250 OK')
      .sent('RCPT TO:<b@example.jp>')
      .received('451 4.3.0 try later')
      .quit();
    expect(result.discardedAfterStarttls).toBe(38);
    expect(result.recipients[0]).toMatchObject({ outcome: 'deferred', code: 451 });
  });

  it('QUITs after the handshake when the policy rejects the TLS session', () => {
    const result = expectSession(
      session({
        policy: {
          ...mandatory,
          afterTls: (info) =>
            info.authorized ? { action: 'continue', rule: 'RFC 8461 §4.2', reason: 'ok' } : { action: 'quit', rule: 'RFC 8461 §4.2', reason: `certificate not valid: ${info.authorizationError}` },
        },
      }),
    )
      .sentStarttls()
      .received('220 go')
      .upgraded({ ...TLS13, authorized: false, authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT' })
      .quit();
    expect(result.recipients[0]).toMatchObject({ outcome: 'deferred', reason: 'certificate not valid: DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(result.stage).toBe('tls');
  });

  it('reports a failed handshake as a value', () => {
    const result = expectSession(session()).sentStarttls().received('220 go').handshakeFailed('wrong version number').closed();
    expect(result.tlsError).toBe('wrong version number');
    expect(result.recipients[0]).toMatchObject({ outcome: 'deferred', rule: 'RFC 3207 §4.1' });
  });
});

describe('SMTP client session: REQUIRETLS (RFC 8689)', () => {
  it('sends MAIL FROM with REQUIRETLS when asked and offered after STARTTLS', () => {
    expectSession(session({ requireTls: true }))
      .sentStarttls()
      .received('220 go')
      .upgraded()
      .sent(EHLO)
      .received('250-mx\r\n250-REQUIRETLS\r\n250 SIZE 0')
      .sent(`MAIL FROM:<a@sender.example> SIZE=${MESSAGE.length} REQUIRETLS`)
      .waiting();
  });

  it('QUITs with 5.7.30 when the server does not offer REQUIRETLS', () => {
    const result = expectSession(session({ requireTls: true })).sentStarttls().received('220 go').upgraded().sent(EHLO).received('250 mx').quit();
    expect(result.recipients[0]).toMatchObject({ outcome: 'deferred', enhancedStatus: '5.7.30', rule: 'RFC 8689 §4.2.1' });
  });

  it('QUITs with 5.7.10 when there is no TLS at all', () => {
    const result = expectSession(session({ requireTls: true })).greeted('250-mx\r\n250 REQUIRETLS').quit();
    expect(result.recipients[0]).toMatchObject({ outcome: 'deferred', enhancedStatus: '5.7.10' });
  });

  it('does not send REQUIRETLS when the message did not ask for it', () => {
    expectSession(session()).greeted('250-mx\r\n250 REQUIRETLS').sent('MAIL FROM:<a@sender.example>').waiting();
  });
});
