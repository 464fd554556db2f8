// A TLS-RPT report as people read it: the JSON keeps the sender's English failure-reason-code as
// it went on the wire, and beside it the Text it came from, so `lab tlsrpt show|send`, their
// --json and the TLS-RPT tab say the reason in the reader's language.
import { afterEach, describe, expect, it } from 'vitest';
import { renderText, text } from '../../../common/i18n/text.ts';
import type { TlsRptReportInfo } from '../../../common/sender.ts';
import { setCliLocale } from '../../../engine/cli/cli-locale.ts';
import { formatTlsRptReports } from '../../../engine/cli/format/tlsrpt-text.ts';
import { jsonInLanguage } from '../../../engine/cli/json-in-language.ts';
import type { LookupResult } from '../../../engine/dns/resolver/stub-resolver.ts';
import { TlsRptReports } from '../../../engine/nodes/sender/mta/tlsrpt-reports.ts';
import { parseStsPolicy } from '../../../engine/policy/mta-sts/policy-file.ts';
import { mtaStsVerdict } from '../../../engine/policy/mta-sts/verdict.ts';
import { TlsRptAggregator, outcomeOf, stsPolicy } from '../../../engine/policy/tlsrpt/aggregator.ts';
import { readReport } from '../../../renderer/src/lib/tlsrpt-view.ts';
import { japaneseProblems } from '../../support/english-sentences.ts';

afterEach(() => setCliLocale('en'));

const STRIPPED_EN = 'the policy for example.jp is testing and mx.example.jp offered no STARTTLS (§4): deliver anyway and report the failure (TLS-RPT)';
const hosts = { sendingMtaIp: '198.51.100.25', receivingMxHostname: 'mx.example.jp', receivingIp: '192.0.2.25' };

/** One testing-mode session whose STARTTLS was stripped, reported to a mailto: rua that took it (queue Q0003, 2.0.0). */
async function strippedReport(): Promise<TlsRptReportInfo> {
  const parsed = parseStsPolicy('version: STSv1\nmode: testing\nmx: mx.example.jp\nmax_age: 86400\n');
  if (!parsed.ok) throw new Error('fixture');
  const decision = mtaStsVerdict({ policy: parsed.policy, policyDomain: 'example.jp', mxHost: 'mx.example.jp', tls: { starttlsOffered: false } });
  expect(decision.reason).toBe(STRIPPED_EN);
  const aggregator = new TlsRptAggregator();
  let clock = 1000;
  const txt: LookupResult = {
    name: '_smtp._tls.example.jp',
    type: 'TXT',
    status: 'insecure',
    rcode: 'NOERROR',
    answers: [{ name: '_smtp._tls.example.jp', type: 'TXT', ttl: 300, class: 'IN', data: [Buffer.from('v=TLSRPTv1; rua=mailto:tlsrpt@example.jp')] } as LookupResult['answers'][number]],
    rrsigs: [],
    reason: '',
    rule: '',
    chain: [],
    cached: false,
  };
  const reports = new TlsRptReports({
    aggregator,
    resolver: () => ({ lookup: async () => txt }),
    now: () => clock,
    // As the sending MTA answers for a report it queued and delivered (sending-mta.ts mailReport).
    mail: async () => {
      const detailText = text('rptSend.queuedStatus', { id: 'Q0003', state: text('state.delivered'), status: '2.0.0' });
      return { ok: true, detail: renderText('en', detailText), detailText };
    },
    post: async () => ({ ok: false, detail: 'unused' }),
    note: () => undefined,
  });
  aggregator.record(outcomeOf(decision, stsPolicy('example.jp', parsed.policy), hosts, 1500));
  clock = 2000;
  const [info] = await reports.flush();
  return info;
}

const failureDetails = (info: TlsRptReportInfo) => (info.report.policies as { 'failure-details': Record<string, unknown>[] }[])[0]['failure-details'];

describe('the failure reason of a TLS-RPT report', () => {
  it('stays English in the report as sent, and keeps its Text beside it', async () => {
    const info = await strippedReport();
    expect(failureDetails(info)[0]['failure-reason-code']).toBe(STRIPPED_EN);
    expect(info.failureReasons).toHaveLength(1);
    expect(info.failureReasons![0]).toMatchObject({ policy: 0, detail: 0, reason: STRIPPED_EN });
    const japanese = renderText('ja', info.failureReasons![0].reasonText!);
    expect(japanese).toContain('example.jp のポリシーは testing');
    expect(japaneseProblems(japanese)).toEqual([]);
  });

  it('lab tlsrpt show|send in Japanese: the reason, where the report went and how, with no English sentence and no ASCII brackets', async () => {
    const info = await strippedReport();
    setCliLocale('ja');
    const shown = formatTlsRptReports([info]);
    const japaneseReason = renderText('ja', info.failureReasons![0].reasonText!);
    expect(shown).toContain(`example.jp で starttls-not-supported が 1 回`.replace('example.jp', 'mx.example.jp [192.0.2.25]'));
    expect(shown).toContain(`：${japaneseReason}`);
    expect(shown).not.toContain(STRIPPED_EN);
    expect(shown).toContain(`レポート ${info.id}（example.jp）`);
    expect(shown).toContain('  -> mailto:tlsrpt@example.jp：送信済み（キュー Q0003：配送済み（2.0.0））');
    // Policy strings are the policy as published; every other line is Japanese prose.
    const prose = shown.split('\n').filter((line) => line.trim() !== '' && !/^ {4}\| /.test(line));
    expect(prose.flatMap((line) => japaneseProblems(line))).toEqual([]);
    // Round brackets only where the data has them: the organization's name as the report gives it.
    const organization = String(info.report['organization-name']);
    expect(prose.filter((line) => /[()]/.test(line.replace(organization, '')))).toEqual([]);
  });

  it('lab tlsrpt show in English reads as before', async () => {
    const info = await strippedReport();
    const shown = formatTlsRptReports([info]);
    expect(shown).toContain(`report ${info.id}  (example.jp)`);
    expect(shown).toContain(`    1 x starttls-not-supported at mx.example.jp [192.0.2.25]: ${STRIPPED_EN}`);
    expect(shown).toContain('  -> mailto:tlsrpt@example.jp: sent (queue Q0003: delivered (2.0.0))');
  });

  it('--json in Japanese: the reason follows the language, the report JSON stays as sent', async () => {
    const info = await strippedReport();
    const [json] = jsonInLanguage([info], 'ja');
    expect(json.failureReasons![0].reason).toBe(renderText('ja', info.failureReasons![0].reasonText!));
    expect(failureDetails(json)[0]['failure-reason-code']).toBe(STRIPPED_EN);
  });

  it('the TLS-RPT tab reads the reason in the UI language, and the code as sent without a Text', async () => {
    const info = await strippedReport();
    const view = readReport(info.report, info.failureReasons);
    const detail = view.policies[0].details[0];
    expect(detail.failureReasonCode).toBe(STRIPPED_EN);
    expect(typeof detail.failureReason === 'string' ? detail.failureReason : renderText('ja', detail.failureReason)).toBe(renderText('ja', info.failureReasons![0].reasonText!));
    // A Text that no longer matches the code (another report's) is not used.
    const other = readReport(info.report, [{ policy: 0, detail: 0, reason: 'something else', reasonText: text('round.stsUnusable') }]);
    expect(other.policies[0].details[0].failureReason).toBe(STRIPPED_EN);
    expect(readReport(info.report).policies[0].details[0].failureReason).toBe(STRIPPED_EN);
  });
});
