// A row's rule is a citation and nothing else: the words that explain it belong to the row's
// sentence, which follows the reader's language. Checked on the rows and answers that carried
// English words in brackets: the zone editor, the authoritative DNS server, the stub resolver, OP25B.
import { describe, expect, it } from 'vitest';
import { renderText, type Text } from '../../../common/i18n/text.ts';
import { labAnchor } from '../../../engine/dns/lab/anchor.ts';
import { StubResolver } from '../../../engine/dns/resolver/stub-resolver.ts';
import type { DnsTraceInput } from '../../../engine/dns/resolver/dns-trace.ts';
import { answerQuestion } from '../../../engine/dns/server/authority.ts';
import { ZoneEditor } from '../../../engine/dns/zone/zone-editor.ts';
import { op25bFilter } from '../../../engine/network/op25b.ts';
import { japaneseProblems } from '../../support/english-sentences.ts';
import { harness, testZones } from '../dns/lab-zones.ts';

/** "RFC 4035 §3.1.4", "OP25B, RFC 6409 §3.1": citations, no words in brackets. */
const CITATION = /^(?:[A-Z][A-Z0-9_]*, )?RFC \d+(?: §[\d.]+)?$/;
const ja = (value: Text | undefined) => (value ? renderText('ja', value) : '(no Text)');

describe('rule badges are citations; the words are in the sentence', () => {
  it('zone editor: a record change and a mode change', () => {
    const h = harness();
    const events: DnsTraceInput[] = [];
    const editor = new ZoneEditor(h.zones, (e) => events.push(e));
    const added = editor.apply({ op: 'add', zone: 'example.jp', name: '_i18n', type: 'TXT', value: 'hello' });
    if (!added.ok) throw new Error(added.message);
    const row = events.at(-1)!;
    expect(row.rule).toBe('RFC 4035 §2');
    expect(row.summary).toBe(`zone example.jp: TXT _i18n.example.jp added -> "hello" (serial ${added.serial}, zone re-signed)`);
    const said = renderText('ja', (row.detail as { summaryText: Text }).summaryText);
    expect(said).toBe(`ゾーン example.jp：TXT _i18n.example.jp を追加 -> "hello"（シリアル ${added.serial}、ゾーンを再署名）`);
    // The zone editor's own line under the form says the same, in the UI's language.
    expect(renderText('ja', added.summaryText)).toBe(said);
    expect(editor.setMode('example.jp', 'bad-signature')).toMatchObject({ ok: true });
    expect(events.at(-1)!.rule).toBe('RFC 4035 §2');
  });

  it('authoritative DNS server: every kind of answer', () => {
    const zones = testZones().published();
    const ask = (name: string, type: string, served = zones) => answerQuestion(served, { name, type, dnssecOk: true });
    const jpOnly = zones.filter((z) => z.origin === 'jp');
    const exampleJpOnly = zones.filter((z) => z.origin === 'example.jp');
    const answers = [ask('example.jp', 'MX'), ask('example.jp', 'CAA'), ask('nope.example.jp', 'A'), ask('example.jp', 'MX', jpOnly), ask('google.com', 'A', exampleJpOnly)];
    expect(new Set(answers.map((a) => a.kind))).toEqual(new Set(['answer', 'nodata', 'nxdomain', 'referral', 'refused']));
    for (const answer of answers) {
      expect(answer.rule).toMatch(CITATION);
      expect(japaneseProblems(ja(answer.reasonText))).toEqual([]);
    }
    expect(ja(ask('nope.example.jp', 'A').reasonText)).toMatch(/^NXDOMAIN：NSEC が nope\.example\.jp と、最も近い祖先のワイルドカード \*\.example\.jp を覆う$/);
  });

  it('stub resolver: no usable answer, and a resolver that does not validate', async () => {
    const zones = testZones();
    const failing = new StubResolver({ exchange: async () => Promise.reject(new Error('timeout')), anchor: labAnchor(zones.zoneKeys('.')!.ksk.dnskey), validate: true, clientNodeId: 'mail.sender.example' });
    const lost = await failing.lookup('example.jp', 'MX');
    expect(lost.rule).toBe('RFC 4035 §4.3');
    expect(ja(lost.reasonText)).toBe('使える応答がない：timeout。検証するものがないので結果は未確定（indeterminate）となり、問い合わせは失敗する');
    const plain = await harness({ validate: false }).resolver.lookup('example.jp', 'MX');
    expect(plain.rule).toBe('RFC 4033 §7');
    expect(japaneseProblems(ja(plain.reasonText))).toEqual([]);
  });

  it('OP25B', () => {
    const blocked = op25bFilter()({ from: 'terminal', to: 'mx.example.jp', port: 25, targetPort: 1 })!;
    expect(blocked.rule).toMatch(CITATION);
    expect(renderText('ja', blocked.summaryText!)).toContain('SMTP AUTH を使ってポート 587 で投稿する');
  });
});
