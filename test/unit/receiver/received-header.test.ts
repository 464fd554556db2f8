// The Received field the receiver prepends (RFC 5321 §4.4), in Postfix's form, with the
// protocol keywords of RFC 3848 and an RFC 5322 date.
import { describe, expect, it } from 'vitest';
import { cipherBits, receivedClient, receivedHeader, receivedProtocol, type ReceivedInput } from '../../../engine/nodes/receiver/received-header.ts';

const DATE = new Date(Date.UTC(2026, 11, 6, 6, 30, 52));

const base: ReceivedInput = {
  helo: 'mail.sender.example',
  client: { hostname: 'mail.sender.example', address: '198.51.100.25' },
  by: 'mx.example.jp',
  protocol: 'ESMTPS',
  tls: { version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' },
  id: 'm7',
  rcptTo: ['bob@example.jp'],
  date: DATE,
};

describe('receivedProtocol (RFC 3848 §2)', () => {
  it.each([
    [{ ehlo: false, tls: false, authenticated: false }, 'SMTP'],
    [{ ehlo: true, tls: false, authenticated: false }, 'ESMTP'],
    [{ ehlo: true, tls: true, authenticated: false }, 'ESMTPS'],
    [{ ehlo: true, tls: false, authenticated: true }, 'ESMTPA'],
    [{ ehlo: true, tls: true, authenticated: true }, 'ESMTPSA'],
    // STARTTLS is an extension: HELO again after the handshake is still extended SMTP.
    [{ ehlo: false, tls: true, authenticated: false }, 'ESMTPS'],
  ])('%o -> %s', (session, keyword) => {
    expect(receivedProtocol(session)).toBe(keyword);
  });
});

describe('receivedHeader', () => {
  it('writes the Postfix form for a single recipient over TLS, folded with CRLF and a tab', () => {
    expect(receivedHeader(base).split('\r\n\t')).toEqual([
      'Received: from mail.sender.example (mail.sender.example [198.51.100.25])',
      '(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))',
      '(No client certificate requested)',
      'by mx.example.jp (SMTP Lab) with ESMTPS id m7',
      'for <bob@example.jp>; Sun, 06 Dec 2026 06:30:52 +0000',
    ]);
  });

  it('has no TLS clause for a plaintext session', () => {
    const header = receivedHeader({ ...base, protocol: 'ESMTP', tls: null, helo: 'learner.example', client: { hostname: 'unknown', address: '192.0.2.10' } });
    expect(header).toBe(
      'Received: from learner.example (unknown [192.0.2.10])\r\n\tby mx.example.jp (SMTP Lab) with ESMTP id m7\r\n\tfor <bob@example.jp>; Sun, 06 Dec 2026 06:30:52 +0000',
    );
    expect(header).not.toContain('using');
  });

  it.each(['SMTP', 'ESMTP', 'ESMTPA', 'ESMTPS', 'ESMTPSA'] as const)('names the protocol %s after "with"', (protocol) => {
    expect(receivedHeader({ ...base, protocol })).toContain(`(SMTP Lab) with ${protocol} id m7`);
  });

  it('leaves out the "for" clause with several recipients, as Postfix does (RFC 5321 §7.2)', () => {
    const header = receivedHeader({ ...base, rcptTo: ['bob@example.jp', 'carol@example.jp'] });
    expect(header).not.toContain('for <');
    expect(header).not.toContain('carol');
    expect(header.split('\r\n\t').slice(-2)).toEqual(['by mx.example.jp (SMTP Lab) with ESMTPS id m7;', 'Sun, 06 Dec 2026 06:30:52 +0000']);
  });

  it('dates in RFC 5322 §3.3 form, in UTC', () => {
    const header = receivedHeader({ ...base, date: new Date(Date.UTC(2027, 0, 1, 23, 5, 9)) });
    expect(header).toMatch(/; Fri, 01 Jan 2027 23:05:09 \+0000$/);
    expect(header).toMatch(/[;\t] ?(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/);
  });

  it('keeps a HELO name from closing the comment or adding a line', () => {
    const header = receivedHeader({ ...base, helo: 'evil) (x\x01', tls: null });
    expect(header.split('\r\n')[0]).toBe('Received: from evil? ?x? (mail.sender.example [198.51.100.25])');
    expect(receivedHeader({ ...base, helo: '' })).toMatch(/^Received: from unknown \(/);
  });

  it('gives the key length when the suite names its cipher', () => {
    expect(cipherBits('TLS_AES_128_GCM_SHA256')).toBe(128);
    expect(cipherBits('TLS_CHACHA20_POLY1305_SHA256')).toBe(256);
    expect(cipherBits('TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA')).toBe(256);
    expect(cipherBits('unknown')).toBeNull();
    expect(receivedHeader({ ...base, tls: { version: 'TLSv1.2', cipher: 'unknown' } })).toContain('(using TLSv1.2 with cipher unknown)\r\n');
  });
});

describe('receivedClient', () => {
  const addresses = { terminal: '192.0.2.10', 'mail.sender.example': '198.51.100.25' };
  it('names a lab node by its lab address, never the loopback socket', () => {
    expect(receivedClient('mail.sender.example', addresses, '127.0.0.1')).toEqual({ hostname: 'mail.sender.example', address: '198.51.100.25' });
  });
  it('writes "unknown" for the terminal, which has no DNS name', () => {
    expect(receivedClient('terminal', addresses, '127.0.0.1')).toEqual({ hostname: 'unknown', address: '192.0.2.10' });
  });
  it('falls back to the socket address when no lab link carried the connection', () => {
    expect(receivedClient(null, addresses, '127.0.0.1')).toEqual({ hostname: 'unknown', address: '127.0.0.1' });
  });
});
