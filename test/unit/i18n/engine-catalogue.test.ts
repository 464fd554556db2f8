// The engine's sentence catalogues: Japanese has exactly the English keys, the same placeholders,
// no empty string, and Japanese words wherever English has a sentence.
import { describe, expect, it } from 'vitest';
import { en } from '../../../common/i18n/en.ts';
import { ja } from '../../../common/i18n/ja.ts';
import { english, placeholders, renderText, said, text } from '../../../common/i18n/text.ts';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
/** Three English words in a row once placeholders are taken out: a sentence, not a protocol name. */
const englishSentence = (s: string) => /[A-Za-z]{2,}[ ,]+[a-z]{2,}[ ,]+[a-z]{2,}/.test(s.replace(/\{\w+\}/g, '#'));

describe('engine catalogues', () => {
  it('have the same keys in every language', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same placeholders in every language', () => {
    const differ = Object.entries(en).filter(([key, value]) => placeholders(value).join() !== placeholders(ja[key as keyof typeof ja]).join());
    expect(differ.map(([key]) => key)).toEqual([]);
  });

  it('have no empty Japanese string and translate every English sentence', () => {
    const empty = Object.entries(ja).filter(([, value]) => value.trim() === '');
    expect(empty).toEqual([]);
    const untranslated = Object.entries(en).filter(([key, value]) => englishSentence(value) && !JAPANESE.test(ja[key as keyof typeof ja]));
    expect(untranslated.map(([key]) => key)).toEqual([]);
  });
});

describe('Text', () => {
  it('renders nested sentences and lists in the reader language', () => {
    const failure = text('sts.noStarttls', { host: 'mx.example.jp' });
    const reason = text('sts.enforceFails', { domain: 'example.jp', failure, host: 'mx.example.jp' });
    expect(english(reason)).toBe(
      'the policy for example.jp is enforce and mx.example.jp offered no STARTTLS (§4): not delivering to mx.example.jp; try the next MX as if this one were unreachable, and treat the failure as transient',
    );
    expect(renderText('ja', reason)).toContain('mx.example.jp が STARTTLS を提示しなかった');
    const list = text('mx.hosts', { domain: 'example.jp', list: [text('mx.host', { host: 'a', preference: 10 }), text('mx.host', { host: 'b', preference: 20 })] });
    expect(english(list)).toContain('a (10), b (20);');
    expect(renderText('ja', list)).toContain('a（10）、b（20）');
  });

  it('keeps the English string beside the Text', () => {
    const value = said(text('transport.none'));
    expect(value.reason).toBe('no MTA-STS policy and no DANE: opportunistic STARTTLS, cleartext allowed');
    expect(renderText('ja', value.reasonText)).toMatch(JAPANESE);
  });
});
