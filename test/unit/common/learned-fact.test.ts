// The facts of "learn" attack rows as the replay reads them: a row with a fact's fields passes,
// anything else (another action or layer, a missing or mistyped field, an unknown fact) is null.
import { describe, expect, it } from 'vitest';
import { learnedFact } from '../../../common/trace-details.ts';
import type { TraceEvent } from '../../../common/trace.ts';

const row = (detail: Record<string, unknown>, layer: TraceEvent['layer'] = 'attack') => ({ layer, detail: { kind: 'attack', attack: 'eavesdrop', action: 'learn', ...detail } });

describe('learnedFact', () => {
  it('reads each kind of fact', () => {
    expect(learnedFact(row({ what: 'mail-from', value: 'a@sender.example' }))).toEqual({ what: 'mail-from', value: 'a@sender.example' });
    expect(learnedFact(row({ what: 'rcpt-to', value: 'b@example.jp' }))).toEqual({ what: 'rcpt-to', value: 'b@example.jp' });
    expect(learnedFact(row({ what: 'credential', mechanism: 'LOGIN', user: 'bob', password: 'pw' }))).toEqual({ what: 'credential', mechanism: 'LOGIN', user: 'bob', password: 'pw' });
    expect(learnedFact(row({ what: 'message', subject: 'Hi', headerFields: 4, bodyChars: 10, complete: false }))).toEqual({ what: 'message', subject: 'Hi', headerFields: 4, bodyChars: 10, complete: false });
  });

  it('is null for what is not a fact', () => {
    expect(learnedFact(row({ what: 'mail-from', value: 'a@x' }, 'smtp'))).toBeNull();
    expect(learnedFact(row({ what: 'mail-from', value: 'a@x', action: 'observe' }))).toBeNull();
    expect(learnedFact(row({ what: 'mail-from' }))).toBeNull();
    expect(learnedFact(row({ what: 'rcpt-to', value: 7 }))).toBeNull();
    expect(learnedFact(row({ what: 'credential', mechanism: 'PLAIN', user: 'bob' }))).toBeNull();
    expect(learnedFact(row({ what: 'message', subject: 'Hi' }))).toBeNull();
    expect(learnedFact(row({ what: 'cookie', value: 'x' }))).toBeNull();
    expect(learnedFact({ layer: 'attack', detail: { action: 'learn', what: 'mail-from', value: 'a@x' } })).toBeNull();
  });
});
