// The client's expectations as a scripted exchange: lines sent, replies received, what it waits for.
import { describe, expect, it } from 'vitest';
import { ReplyTracker } from '../../../../engine/cli/smtp/reply-tracker.ts';
import { resolveTarget } from '../../../../engine/cli/smtp/resolve-target.ts';

describe('ReplyTracker', () => {
  it('waits for the greeting, then one reply per command, multiline replies ending at "250 "', () => {
    const t = new ReplyTracker();
    expect(t.pending).toBe(1);
    expect(t.received('220 mx ESMTP')).toEqual({ code: 220, startTls: false });
    t.sent('EHLO me');
    expect(t.received('250-mx')).toBeNull();
    expect(t.received('250-STARTTLS')).toBeNull();
    expect(t.pending).toBe(1);
    expect(t.received('250 SMTPUTF8')).toEqual({ code: 250, startTls: false });
    expect(t.pending).toBe(0);
  });

  it('owes no reply for message text between 354 and "."', () => {
    const t = new ReplyTracker();
    t.received('220 mx');
    t.sent('DATA');
    t.received('354 go ahead');
    expect(t.typingMessage).toBe(true);
    t.sent('Subject: hi');
    t.sent('');
    t.sent('STARTTLS');
    expect(t.pending).toBe(0);
    expect(t.awaitingStartTls).toBe(false);
    t.sent('.');
    expect(t.typingMessage).toBe(false);
    expect(t.received('250 queued')).toEqual({ code: 250, startTls: false });
  });

  it('does not enter message text when DATA is refused', () => {
    const t = new ReplyTracker();
    t.received('220 mx');
    t.sent('DATA');
    t.received('503 need RCPT');
    expect(t.typingMessage).toBe(false);
  });

  it('upgrades on 220 to STARTTLS only, once (RFC 3207 §4)', () => {
    const t = new ReplyTracker();
    t.received('220 mx');
    t.sent('starttls');
    expect(t.awaitingStartTls).toBe(true);
    expect(t.received('220 Ready to start TLS')).toEqual({ code: 220, startTls: true });
    t.sent('STARTTLS');
    expect(t.awaitingStartTls).toBe(false);
    expect(t.received('220 pretend')).toEqual({ code: 220, startTls: false });
  });

  it('stays in plaintext when STARTTLS is refused', () => {
    const t = new ReplyTracker();
    t.received('220 mx');
    t.sent('STARTTLS');
    expect(t.received('454 TLS not available')).toEqual({ code: 454, startTls: false });
    expect(t.awaitingStartTls).toBe(false);
  });
});

describe('resolveTarget', () => {
  const hosts = { 'mx.example.jp': { address: '192.0.2.25', role: 'receiver' as const, ports: { '25': 40125, '587': 40587 } } };
  it('maps a lab hostname or lab address and lab port to the loopback port', () => {
    expect(resolveTarget(hosts, 'MX.example.jp.')).toEqual({ ok: true, target: { name: 'mx.example.jp', address: '192.0.2.25', labPort: 25, loopbackPort: 40125 } });
    expect(resolveTarget(hosts, '192.0.2.25', 587)).toMatchObject({ ok: true, target: { loopbackPort: 40587 } });
  });
  it('explains what is wrong instead of leaving the lab', () => {
    expect(resolveTarget(hosts, 'smtp.gmail.com')).toEqual({ ok: false, message: 'smtp.gmail.com is not a lab host. Lab hosts: mx.example.jp' });
    expect(resolveTarget(hosts, 'mx.example.jp', 465)).toEqual({ ok: false, message: 'mx.example.jp (192.0.2.25) has no service on port 465. Open ports: 25, 587' });
  });
});
