// The pure parts of the receiver's sender authentication: the DMARC disposition (RFC 7489
// §6.6.2, RFC 8617 §7.2), the Authentication-Results field (RFC 8601), smtpd_milters and the
// resolver adapter that feeds mailauth.
import { describe, expect, it } from 'vitest';
import type { ArcCheck, DmarcCheck } from '../../../../common/auth.ts';
import { authenticationResults } from '../../../../engine/nodes/receiver/auth/authentication-results.ts';
import { dmarcDisposition } from '../../../../engine/nodes/receiver/auth/dmarc-disposition.ts';
import { dkimResultWord } from '../../../../engine/nodes/receiver/auth/evaluate-auth.ts';
import { asNodeAnswer } from '../../../../engine/nodes/receiver/auth/mailauth-resolver.ts';
import { checkSigningMilters, checksOf, parseMilters } from '../../../../engine/postconf/milters.ts';
import type { LookupResult } from '../../../../engine/dns/resolver/stub-resolver.ts';

const dmarc = (over: Partial<DmarcCheck>): DmarcCheck => ({ result: 'fail', fromDomain: 'example.jp', policy: 'reject', alignedSpf: null, alignedDkim: null, rua: [], comment: '', ...over });
const enforce = { enforce: true, trustedArcSealers: [] as string[] };
const listArc: ArcCheck = { result: 'pass', instances: 1, sealer: 'attacker.example', firstResults: 'attacker.example; spf=pass; dkim=pass header.d=sender.example; dmarc=pass header.from=sender.example', comment: '' };

describe('dmarcDisposition', () => {
  it('follows p= on a failure: reject, quarantine, none', () => {
    expect(dmarcDisposition(dmarc({}), null, enforce)).toMatchObject({ action: 'reject', rule: 'RFC 7489 §6.6.2 (p=reject)' });
    expect(dmarcDisposition(dmarc({}), null, enforce).reason).toMatch(/^5\.7\.1 /);
    expect(dmarcDisposition(dmarc({ policy: 'quarantine' }), null, enforce).action).toBe('quarantine');
    expect(dmarcDisposition(dmarc({ policy: 'none' }), null, enforce).action).toBe('accept');
  });
  it('accepts pass, none and temperror, and only reports when not enforcing', () => {
    for (const result of ['pass', 'none', 'temperror'] as const) expect(dmarcDisposition(dmarc({ result }), null, enforce).action).toBe('accept');
    expect(dmarcDisposition(dmarc({}), null, { enforce: false, trustedArcSealers: [] })).toMatchObject({ action: 'accept', override: 'local_policy' });
  });
  it('lets a trusted sealer\'s passing ARC chain override, and nobody else\'s', () => {
    expect(dmarcDisposition(dmarc({}), listArc, enforce).action).toBe('reject');
    expect(dmarcDisposition(dmarc({}), listArc, { enforce: true, trustedArcSealers: ['attacker.example'] })).toMatchObject({ action: 'accept', override: 'mailing_list', rule: 'RFC 8617 §7.2' });
    expect(dmarcDisposition(dmarc({}), { ...listArc, result: 'fail' }, { enforce: true, trustedArcSealers: ['attacker.example'] }).action).toBe('reject');
    expect(dmarcDisposition(dmarc({}), { ...listArc, firstResults: 'x; dmarc=fail' }, { enforce: true, trustedArcSealers: ['attacker.example'] }).action).toBe('reject');
  });
});

describe('authenticationResults (RFC 8601)', () => {
  it('writes the authserv-id and one method per folded line; "none" when nothing ran', () => {
    expect(authenticationResults({ authservId: 'mx.example.jp', spf: null, dkim: null, dmarc: null, arc: null })).toBe('Authentication-Results: mx.example.jp;\r\n\tnone');
    const field = authenticationResults({
      authservId: 'mx.example.jp',
      spf: { result: 'fail', domain: 'sender.example', mailFrom: 'alice@sender.example', clientIp: '192.0.2.10', comment: 'not (permitted)' },
      dkim: [{ result: 'fail', domain: 'sender.example', selector: 'mail1', b: 'AbC+/1', comment: 'body hash did not verify', aligned: true, libraryResult: 'neutral' }],
      dmarc: dmarc({ comment: 'p=REJECT' }),
      arc: null,
    });
    expect(field.split('\r\n\t')).toEqual([
      'Authentication-Results: mx.example.jp;',
      'spf=fail (not \\(permitted\\)) smtp.mailfrom=alice@sender.example;',
      'dkim=fail (body hash did not verify; mailauth: neutral) header.d=sender.example header.s=mail1 header.b=AbC+/1;',
      'dmarc=fail (p=REJECT) header.from=example.jp',
    ]);
  });
  it('RFC 6376 §6.1.3: a body hash mismatch is a failure, other neutral results stay', () => {
    expect(dkimResultWord('neutral', 'body hash did not verify')).toBe('fail');
    expect(dkimResultWord('neutral', 'no key')).toBe('neutral');
  });
});

describe('smtpd_milters', () => {
  it('knows the lab\'s three filters, in commas or spaces, and refuses anything else', () => {
    const parsed = parseMilters('inet:localhost:8891 inet:127.0.0.1:8893');
    expect(parsed.ok && checksOf(parsed.milters)).toEqual({ spf: true, dkim: true, dmarc: true, arc: false });
    expect(parseMilters('').ok).toBe(true);
    expect(parseMilters('inet:localhost:8892').ok).toBe(false);
    expect(parseMilters('unix:/run/opendkim/opendkim.sock').ok).toBe(false);
    expect(checkSigningMilters('inet:localhost:8891')).toBeNull();
    expect(checkSigningMilters('inet:localhost:8893')).not.toBeNull();
  });
});

describe('the resolver mailauth asks', () => {
  const result = (over: Partial<LookupResult>): LookupResult => ({ name: 'x', type: 'TXT', status: 'secure', rcode: 'NOERROR', answers: [], rrsigs: [], reason: '', rule: '', chain: [], cached: false, ...over });
  it('gives TXT as lists of strings, MX as exchange/priority, and node\'s error codes', () => {
    expect(asNodeAnswer(result({ answers: [{ name: 'x', type: 'TXT', ttl: 1, class: 'IN', data: [Buffer.from('v=spf1 '), Buffer.from('-all')] }] }), 'x', 'TXT')).toEqual([['v=spf1 ', '-all']]);
    expect(asNodeAnswer(result({ type: 'MX', answers: [{ name: 'x', type: 'MX', ttl: 1, class: 'IN', data: { preference: 10, exchange: 'mx.example.jp' } }] }), 'x', 'MX')).toEqual([{ exchange: 'mx.example.jp', priority: 10 }]);
    expect(() => asNodeAnswer(result({ rcode: 'NXDOMAIN' }), 'x', 'TXT')).toThrow(expect.objectContaining({ code: 'ENOTFOUND' }));
    expect(() => asNodeAnswer(result({}), 'x', 'TXT')).toThrow(expect.objectContaining({ code: 'ENODATA' }));
    // RFC 4035 §5.5: bogus is SERVFAIL to the checks.
    expect(() => asNodeAnswer(result({ status: 'bogus', rcode: 'SERVFAIL' }), 'x', 'TXT')).toThrow(expect.objectContaining({ code: 'ESERVFAIL' }));
  });
});
