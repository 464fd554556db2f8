// compareOutcome: only the fields a scenario names are compared; auth and folder as the outcome of
// `smtp-lab send --json` has them (common/sender.ts SendOutcome).
import { describe, expect, it } from 'vitest';
import type { SendOutcome } from '../../../common/sender.ts';
import { compareOutcome } from '../../../engine/scenario/outcome-match.ts';
import { scenarioSchema } from '../../../engine/scenario/scenario-schema.ts';

const outcome: SendOutcome = { delivered: false, tls: null, attackerRead: false, stoppedBy: 'RFC 5321 §4.2.1', downgrade: null, reason: 'x', auth: { spf: 'fail', dkim: 'none', dmarc: 'fail', arc: null }, folder: 'rejected' };
const expectOf = (expect: unknown) => scenarioSchema.parse({ title: { en: 't', ja: 't' }, expect }).expect;

describe('compareOutcome: auth and folder', () => {
  it('matches the named auth words and the folder', () => {
    expect(compareOutcome(expectOf({ auth: { spf: 'fail', dmarc: 'fail' }, folder: 'rejected' }), outcome)).toEqual([]);
  });

  it('names each mismatch', () => {
    expect(compareOutcome(expectOf({ auth: { dmarc: 'pass', arc: null }, folder: 'inbox' }), outcome)).toEqual([
      { field: 'auth.dmarc', expected: 'pass', actual: 'fail' },
      { field: 'folder', expected: 'inbox', actual: 'rejected' },
    ]);
    expect(compareOutcome(expectOf({ auth: { spf: 'pass' } }), { ...outcome, auth: null })).toEqual([{ field: 'auth', expected: { spf: 'pass' }, actual: null }]);
    expect(compareOutcome(expectOf({ auth: null, folder: null }), outcome)).toEqual([
      { field: 'auth', expected: null, actual: outcome.auth },
      { field: 'folder', expected: null, actual: 'rejected' },
    ]);
  });

  it('refuses a word that is not an RFC 8601 result', () => {
    expect(scenarioSchema.safeParse({ title: { en: 't', ja: 't' }, expect: { auth: { spf: 'passed' } } }).success).toBe(false);
    expect(scenarioSchema.safeParse({ title: { en: 't', ja: 't' }, expect: { folder: 'spam' } }).success).toBe(false);
  });
});
