// The matrix rule as a table of scripted facts: each clause, and the order they are tried in.
import { describe, expect, it } from 'vitest';
import { judgeCell, type CellFacts } from '../../../engine/matrix/cell-rule.ts';

const base: CellFacts = { passive: false, acted: true, delivered: true, attackerRead: false, tls: { version: 'TLSv1.3', authenticationRequired: true }, protectedByCachedPolicy: false };
const judge = (change: Partial<CellFacts>) => judgeCell({ ...base, ...change });

describe('judgeCell', () => {
  it('is - when the attack found nothing to act on, whatever else happened', () => {
    expect(judge({ acted: false, attackerRead: true, tls: null })).toEqual({ result: '-', why: 'not-affected' });
  });

  it('is × when the attacker read the message or received it, even over authenticated TLS', () => {
    expect(judge({ attackerRead: true })).toEqual({ result: '×', why: 'read' });
    expect(judge({ attackerRead: true, delivered: false, tls: null })).toEqual({ result: '×', why: 'read' });
  });

  it('is × for plaintext, and for TLS nothing required to be authenticated under an active attacker', () => {
    expect(judge({ tls: null })).toEqual({ result: '×', why: 'plaintext' });
    expect(judge({ tls: { version: 'TLSv1.3', authenticationRequired: false } })).toEqual({ result: '×', why: 'unauthenticated' });
  });

  it('lets a passive attacker that saw only ciphertext pass as ○, even with opportunistic TLS', () => {
    expect(judge({ passive: true, tls: { version: 'TLSv1.3', authenticationRequired: false } })).toEqual({ result: '○', why: 'ciphertext' });
  });

  it('is △ for TLS 1.0 and 1.1, and for a refusal that only a cached MTA-STS policy made', () => {
    expect(judge({ tls: { version: 'TLSv1', authenticationRequired: true } })).toEqual({ result: '△', why: 'old-tls' });
    expect(judge({ tls: { version: 'TLSv1.1', authenticationRequired: true } })).toEqual({ result: '△', why: 'old-tls' });
    expect(judge({ delivered: false, tls: null, protectedByCachedPolicy: true })).toEqual({ result: '△', why: 'first-contact' });
  });

  it('is ○ for authenticated TLS 1.2+ and for a deferred message', () => {
    expect(judge({})).toEqual({ result: '○', why: 'authenticated' });
    expect(judge({ tls: { version: 'TLSv1.2', authenticationRequired: true } })).toEqual({ result: '○', why: 'authenticated' });
    expect(judge({ delivered: false, tls: null })).toEqual({ result: '○', why: 'refused' });
  });
});
