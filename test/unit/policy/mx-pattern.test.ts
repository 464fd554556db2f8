// RFC 8461 §4.1 mx patterns and RFC 6125 §6.4 name matching.
import { describe, expect, it } from 'vitest';
import { dnsIdMatches, matchAnyName } from '../../../engine/policy/cert-names.ts';
import { matchMxPattern, matchMxPatterns } from '../../../engine/policy/mta-sts/mx-pattern.ts';

describe('mx pattern matching (RFC 8461 §4.1)', () => {
  it('"*.example.com" matches mail.example.com but not example.com or foo.bar.example.com', () => {
    expect(matchMxPattern('*.example.com', 'mail.example.com').matches).toBe(true);
    expect(matchMxPattern('*.example.com', 'example.com').matches).toBe(false);
    expect(matchMxPattern('*.example.com', 'foo.bar.example.com').matches).toBe(false);
  });

  it('explains why a wildcard does not match', () => {
    expect(matchMxPattern('*.example.com', 'foo.bar.example.com').reason).toMatch(/exactly one label/);
    expect(matchMxPattern('*.example.com', 'example.com').reason).toMatch(/must stand for a label/);
    expect(matchMxPattern('*.example.com', 'mail.example.net').reason).toMatch(/does not end in/);
  });

  it('compares without regard to case', () => {
    expect(matchMxPattern('MX.Example.JP', 'mx.example.jp').matches).toBe(true);
    expect(matchMxPattern('*.EXAMPLE.jp', 'Mx1.example.JP').matches).toBe(true);
  });

  it('treats a trailing dot on the host or the pattern as the same name', () => {
    expect(matchMxPattern('mx.example.jp', 'mx.example.jp.').matches).toBe(true);
    expect(matchMxPattern('*.example.jp.', 'mx.example.jp').matches).toBe(true);
  });

  it('never matches with an invalid pattern', () => {
    const r = matchMxPattern('mail*.example.com', 'mail1.example.com');
    expect(r.matches).toBe(false);
    expect(r.reason).toMatch(/not a valid mx pattern/);
    expect(matchMxPattern('*', 'example.com').matches).toBe(false);
  });

  it('finds the first matching pattern of a policy', () => {
    expect(matchMxPatterns(['mail.example.com', '*.example.net'], 'mx2.example.net')).toMatchObject({ matches: true, pattern: '*.example.net' });
    expect(matchMxPatterns(['mail.example.com'], 'evil.example.org').matches).toBe(false);
  });
});

describe('certificate names (RFC 6125 §6.4, as RFC 8461 §4.2 restricts it)', () => {
  it('allows a wildcard only as the whole left-most label', () => {
    expect(dnsIdMatches('*.example.jp', 'mx.example.jp')).toBe(true);
    expect(dnsIdMatches('m*.example.jp', 'mx.example.jp')).toBe(false);
    expect(dnsIdMatches('mx.*.jp', 'mx.example.jp')).toBe(false);
    expect(dnsIdMatches('*.example.jp', 'a.mx.example.jp')).toBe(false);
  });

  it('matches any presented name against any reference name', () => {
    expect(matchAnyName(['www.example.jp', 'MX.example.jp'], ['mx.example.jp.'])).toMatchObject({ matched: true, presented: 'MX.example.jp' });
    expect(matchAnyName([], ['mx.example.jp']).matched).toBe(false);
  });
});
