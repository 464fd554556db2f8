import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../common/trace.ts';
import { knowledgeAt, MAX_STEP_MS, MIN_STEP_MS, moveCursor, replayDelay } from '../../../renderer/src/lib/replay.ts';
import type { LearnedFact } from '../../../common/trace-details.ts';

const link = { from: 'mail.sender.example', to: 'mx.example.jp', port: 25 };
let seq = 0;
const ev = (e: Partial<TraceEvent> & Pick<TraceEvent, 'layer'>): TraceEvent => ({ seq: ++seq, t: seq * 10, flow: 'f6', link, dir: 'c2s', summary: '', visibility: 'plaintext', ...e });
const b64 = (s: string) => Buffer.from(s).toString('base64');
const learn = (fact: LearnedFact) => ev({ layer: 'attack', detail: { kind: 'attack', attack: 'eavesdrop', action: 'learn', ...fact } });

describe('replay', () => {
  it('keeps the cursor within the recording', () => {
    expect(moveCursor(-1, -1, 5)).toBe(-1);
    expect(moveCursor(3, 1, 5)).toBe(4);
    expect(moveCursor(4, 1, 5)).toBe(4);
    expect(moveCursor(2, -1, 5)).toBe(1);
  });

  it('waits the recorded gap, bounded for a class to follow, divided by the speed', () => {
    const events = [ev({ layer: 'smtp', t: 0 }), ev({ layer: 'smtp', t: 1 }), ev({ layer: 'smtp', t: 1001 }), ev({ layer: 'smtp', t: 60_000 })];
    expect(replayDelay(events, 0, 1)).toBe(MIN_STEP_MS);
    expect(replayDelay(events, 1, 1)).toBe(1000);
    expect(replayDelay(events, 1, 2)).toBe(500);
    expect(replayDelay(events, 1, 0.5)).toBe(2000);
    expect(replayDelay(events, 2, 1)).toBe(MAX_STEP_MS);
  });

  it('knows, at each cursor, only what the attacker had learned by then', () => {
    seq = 0;
    const events = [
      ev({ layer: 'attack', detail: { kind: 'attack', action: 'observe' } }),
      ev({ layer: 'smtp', raw: b64('MAIL FROM:<alice@sender.example>\r\n') }),
      learn({ what: 'mail-from', value: 'alice@sender.example' }),
      learn({ what: 'rcpt-to', value: 'bob@example.jp' }),
      ev({ layer: 'tls', raw: b64('xxxx'), visibility: 'encrypted' }),
      ev({ layer: 'smtp', raw: b64('inside'), visibility: 'encrypted', detail: { insideTls: true } }),
      learn({ what: 'credential', mechanism: 'PLAIN', user: 'bob', password: 'secret' }),
      learn({ what: 'message', subject: 'Board minutes', headerFields: 6, bodyChars: 120, complete: true }),
    ];
    expect(knowledgeAt(events, 1)).toMatchObject({ envelopes: [], plaintextBytes: 34, encryptedBytes: 0 });
    expect(knowledgeAt(events, 3).envelopes).toEqual([{ mailFrom: 'alice@sender.example', rcptTo: ['bob@example.jp'] }]);
    const all = knowledgeAt(events, events.length - 1);
    expect(all.encryptedBytes).toBe(4);
    expect(all.credentials).toEqual([{ mechanism: 'PLAIN', user: 'bob', password: 'secret' }]);
    expect(all.messages.map((m) => m.subject)).toEqual(['Board minutes']);
    expect(knowledgeAt(events, -1).envelopes).toEqual([]);
  });
});
