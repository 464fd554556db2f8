// The CLI's formatters that a running lab rarely fills in a test, in the learner's language: DMARC
// reports with rows, the attack matrix, and two runs compared. Under ja the sentences are Japanese
// and no English sentence is left (field names, symbols, ids and records stay as they are); under
// en they read as before.
import { afterEach, describe, expect, it } from 'vitest';
import type { DmarcPolicyPublished, DmarcReportRow, DmarcState } from '../../../common/dmarc.ts';
import { text } from '../../../common/i18n/text.ts';
import type { MatrixReport, RunComparison } from '../../../common/matrix.ts';
import type { TraceEvent } from '../../../common/trace.ts';
import { setCliLocale } from '../../../engine/cli/cli-locale.ts';
import { formatDmarcState } from '../../../engine/cli/format/dmarc-text.ts';
import { matrixMarkdown, matrixText } from '../../../engine/cli/format/matrix-text.ts';
import { comparisonText } from '../../../engine/cli/run-compare.ts';
import { japaneseProblems } from '../../support/english-sentences.ts';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
afterEach(() => setCliLocale('en'));

const policy: DmarcPolicyPublished = { domain: 'sender.example', adkim: 'r', aspf: 'r', p: 'reject', sp: 'reject', pct: 100, fo: '0' };
const row: DmarcReportRow = { sourceIp: '198.51.100.25', count: 2, disposition: 'reject', dkim: 'fail', spf: 'pass', reasons: [], headerFrom: 'sender.example', envelopeFrom: 'sender.example', dkimResults: [], spfResults: [{ domain: 'sender.example', scope: 'mfrom', result: 'pass' }] };
const dmarc: DmarcState = {
  reporter: 'example.jp',
  pending: [{ policyDomain: 'sender.example', policy, rua: [], messages: 2, rows: [row] }],
  reports: [
    {
      id: 'd1',
      policyDomain: 'sender.example',
      builtAt: '2026-01-01T00:00:00Z',
      fileName: 'mx.example.jp!sender.example!1767225600!1767229199.xml.gz',
      begin: 1767225600,
      end: 1767229199,
      policy,
      rows: [row],
      xml: '<feedback/>',
      deliveries: [{ uri: 'mailto:dmarc@sender.example', ok: true, detail: 'x', detailText: text('rptSend.queued', { id: 'Q0001', state: text('state.delivered') }) }],
    },
  ],
};

describe('lab dmarc show', () => {
  it('in Japanese: what was counted, the reports, where each went', () => {
    setCliLocale('ja');
    const shown = formatDmarcState(dmarc);
    expect(shown).toContain('前回のレポート以降に数えたもの（smtp-lab dmarc send で報告する）：');
    expect(shown).toContain('  sender.example：メッセージ 2 通、p=reject sp=reject adkim=r aspf=r pct=100、rua （なし：レポートは送られない）');
    expect(shown).toContain('レポート d1（sender.example, p=reject sp=reject adkim=r aspf=r pct=100）');
    expect(shown).toContain('  ファイル：mx.example.jp!sender.example!1767225600!1767229199.xml.gz');
    expect(shown).toMatch(/^ {2}期間：2026-01-01T00:00:00\.000Z \.\. 2026-01-01T00:59:59\.000Z$/m);
    expect(shown).toContain('  -> mailto:dmarc@sender.example：送信済み（キュー Q0001：配送済み）');
    // The record rows are the report's XML fields as they are.
    const prose = shown.split('\n').filter((l) => !/^ {4}/.test(l));
    expect(prose.flatMap((l) => japaneseProblems(l))).toEqual([]);
  });

  it('in English as before', () => {
    const shown = formatDmarcState(dmarc);
    expect(shown).toContain('Counted since the last reports (smtp-lab dmarc send reports them):');
    expect(shown).toContain('  sender.example: 2 message(s), p=reject sp=reject adkim=r aspf=r pct=100, rua (none: no report will be sent)');
    expect(shown).toContain('report d1  (sender.example, p=reject');
    expect(shown).toContain('  -> mailto:dmarc@sender.example: sent (');
    expect(shown).not.toMatch(JAPANESE);
  });
});

const report: MatrixReport = {
  defenses: [
    { id: 'none', label: '対策なし' },
    { id: 'dane', label: 'DANE' },
  ],
  attacks: [{ id: 'eavesdrop', label: '経路上での盗聴' }],
  cells: [
    { attack: 'eavesdrop', defense: 'none', result: '×', why: 'read', reason: '安全でない：攻撃者がメッセージを読んだ。攻撃者がメッセージ全体を読んだ', run: 'm1.eavesdrop.none', evidence: null, lab: '02-eavesdropping' },
    { attack: 'eavesdrop', defense: 'dane', result: '○', why: 'ciphertext', reason: '安全：盗聴者に見えたのは暗号文だけ。受け付けた', run: 'm1.eavesdrop.dane', evidence: null, lab: '09-dane' },
  ],
  variants: [],
  elapsedMs: 1234,
  runs: 2,
};

describe('smtp-lab matrix', () => {
  it('in Japanese: the legend, the rule and the reasons; the columns line up in terminal columns', () => {
    const shown = matrixText(report, 'ja');
    const lines = shown.split('\n');
    // Counted in terminal columns: "経路上での盗聴" takes 14 and "対策なし" 8, each column 2 more.
    expect(lines[0]).toBe(`${' '.repeat(16)}対策なし  DANE  `);
    expect(lines[1]).toBe(`経路上での盗聴  ×${' '.repeat(9)}○${' '.repeat(5)}`);
    expect(shown).toContain('○ 安全 · △ 安全だが完全ではない · × 安全でない · - 影響なし');
    expect(shown).toContain('2 回の実行、1234 ms');
    expect(shown).toContain('セルごとの理由（smtp-lab matrix show RUN で実行のトレースを開く）：');
    expect(shown).toContain('      実行 m1.eavesdrop.none · 実習 02-eavesdropping');
    expect(lines.flatMap((l) => japaneseProblems(l))).toEqual([]);
    const markdown = matrixMarkdown(report, 'ja');
    expect(markdown).toContain('凡例：○ 安全');
    expect(markdown.split('\n').flatMap((l) => japaneseProblems(l))).toEqual([]);
  });

  it('in English as before', () => {
    const shown = matrixText({ ...report, defenses: [{ id: 'none', label: 'No TLS' }, { id: 'dane', label: 'DANE' }], attacks: [{ id: 'eavesdrop', label: 'Eavesdropping on the path' }] }, 'en');
    expect(shown).toContain('○ safe · △ safe but not complete · × not safe · - not affected');
    expect(shown).toContain('2 runs in 1234 ms');
    expect(shown).toContain("Why, cell by cell (smtp-lab matrix show RUN opens a run's trace):");
    expect(shown).toContain('      run m1.eavesdrop.none · lab 02-eavesdropping');
  });
});

function event(seq: number, layer: TraceEvent['layer'], summary: string, detail?: TraceEvent['detail'], rule?: string): TraceEvent {
  return { seq, t: seq, flow: 'f1', link: { from: 'mail.sender.example', to: 'mx.example.jp', port: 25 }, layer, dir: 'c2s', summary, visibility: 'plaintext', ...(detail ? { detail } : {}), ...(rule ? { rule } : {}) } as TraceEvent;
}

describe('smtp-lab run --compare', () => {
  const refusal = text('dane.noTlsa', { base: 'mx.example.jp' });
  const left = { id: 'c1.left', title: { en: 'x', ja: 'x' }, scenario: {}, outcome: null, trace: [event(1, 'smtp', 'EHLO mail.sender.example')] };
  const right = {
    ...left,
    id: 'c1.right',
    trace: [event(1, 'smtp', 'EHLO mail.sender.example'), event(2, 'policy', 'RFC 7672 §3: refused', { kind: 'policy', decision: 'session', reasonText: refusal } as unknown as TraceEvent['detail'], 'RFC 7672 §3')],
  };
  const comparison: RunComparison = {
    toggle: 'sender.policy=dane',
    left,
    right,
    steps: [
      { left: 0, right: 0, same: true },
      { left: null, right: 1, same: false },
    ],
    firstDifference: 1,
    explanation: { side: 'right', index: 1, summary: 'RFC 7672 §3: refused' },
    headline: 'With sender.policy=dane, the runs part at the highlighted step: did not run → did not run.',
    headlineText: text('compare.partsWith', { toggle: 'sender.policy=dane', summary: text('ladder.ruleReason', { rule: 'RFC 7672 §3', reason: refusal }), change: text('compare.change', { left: text('compare.didNotRun'), right: text('compare.didNotRun') }) }),
  };

  it('in Japanese: the headings, the policy row and the headline', () => {
    const shown = comparisonText(comparison, 'ja');
    const lines = shown.split('\n');
    expect(lines[0]).toMatch(/^元のシナリオ {46} {3}sender\.policy=dane にした場合$/);
    expect(lines[3]).toMatch(/^ {58} >> policy +RFC 7672 §3：/);
    expect(shown).toContain('強調した手順で 2 つの実行が分かれる。sender.policy=dane にした場合：RFC 7672 §3：');
    expect(shown).toContain('実行：c1.left（smtp-lab matrix show c1.left）、c1.right');
    // The protocol rows (EHLO ...) stay as they went; the headings, the policy row and the rest are Japanese.
    const prose = lines.filter((l) => !/ smtp {3}EHLO /.test(l));
    expect(prose.flatMap((l) => japaneseProblems(l))).toEqual([]);
  });

  it('in English, the headline as the comparison gives it', () => {
    const shown = comparisonText({ ...comparison, headlineText: undefined }, 'en');
    expect(shown.split('\n')[0]).toBe(`${'as written'.padEnd(58)}   with sender.policy=dane`);
    expect(shown).toContain('With sender.policy=dane, the runs part at the highlighted step: did not run → did not run.');
    expect(shown).toContain('runs: c1.left (smtp-lab matrix show c1.left), c1.right');
  });
});
