// --json keeps its keys; the strings that have a catalogue Text beside them are said again in the
// CLI's language, wherever the pair stands, lists included. English and data are left as they are.
import { describe, expect, it } from 'vitest';
import { english, text } from '../../../common/i18n/text.ts';
import { jsonInLanguage } from '../../../engine/cli/json-in-language.ts';

const reason = text('dig.nodata');
const note = text('checkerCli.note', { note: 'x' });

const report = {
  id: 'r1',
  outcome: { reason: english(reason), reasonText: reason, delivered: false },
  items: [{ detail: 'verbatim', evidence: [english(note), 'EHLO mx.example.jp'], evidenceText: [note, 'EHLO mx.example.jp'] }],
  trace: [{ summary: 'RFC 8461 §5: ...', detail: { kind: 'policy', summaryText: reason } }],
  title: { en: 'Eavesdropping', ja: '盗聴' },
};

describe('jsonInLanguage', () => {
  it('says each string again from the Text beside it, and keeps every key', () => {
    const ja = jsonInLanguage(report, 'ja');
    expect(ja.outcome.reason).toBe('名前は存在するが、そのタイプのレコードがない（NODATA）');
    expect(ja.outcome.reasonText).toEqual(reason);
    expect(ja.items[0].evidence).toEqual(['注記：x', 'EHLO mx.example.jp']);
    // No Text beside it: kept. A Text without its string beside it (a trace row's detail) adds nothing.
    expect(ja.items[0].detail).toBe('verbatim');
    expect(ja.trace[0]).toEqual(report.trace[0]);
    expect(ja.title).toEqual(report.title);
    expect(JSON.stringify(Object.keys(ja))).toBe(JSON.stringify(Object.keys(report)));
  });

  it('leaves English as the engine wrote it', () => {
    expect(jsonInLanguage(report, 'en')).toBe(report);
  });
});
