// mta-sts and tls-rpt: the domain's `_mta-sts` TXT record and the policy it announces
// (RFC 8461 §3.1-§3.3, §4.1, §5), and its `_smtp._tls` TXT record (RFC 8460 §3).
import type { CheckerItem } from '../../../common/checker.ts';
import { text, type Text } from '../../../common/i18n/text.ts';
import { matchMxPatterns } from '../../policy/mta-sts/mx-pattern.ts';
import { selectStsTxtRecord } from '../../policy/mta-sts/txt-record.ts';
import { selectTlsRptRecord } from '../../policy/tlsrpt/txt-record.ts';
import type { CheckerFacts } from '../facts.ts';
import { clauses, dnsLine, item } from './item.ts';

/** RFC 8461 §3.2 speaks of max_age in weeks; a day leaves a sender's cache short-lived. */
const SHORT_MAX_AGE = 7 * 24 * 60 * 60;

export function mtaStsItem(facts: CheckerFacts): CheckerItem {
  const { domain } = facts;
  const txt = selectStsTxtRecord(facts.mtaSts.texts);
  const evidence: Text[] = [dnsLine(facts.mtaSts.txt)];
  const policyLines = ['version: STSv1', 'mode: enforce', ...facts.hosts.map((h) => `mx: ${h.host}`), 'max_age: 1209600'];
  const fixPolicy = {
    en: `Publish the TXT record and serve the policy at https://mta-sts.${domain}/.well-known/mta-sts.txt (text/plain, a certificate valid for mta-sts.${domain}), in mode enforce, listing every MX:`,
    ja: `TXT レコードを公開し、ポリシーを https://mta-sts.${domain}/.well-known/mta-sts.txt で配信してください（text/plain、mta-sts.${domain} に有効な証明書）。モードは enforce、すべての MX を列挙します：`,
    lines: [`_mta-sts.${domain}. IN TXT "v=STSv1; id=${new Date(facts.now).toISOString().replace(/\D/g, '').slice(0, 14)}"`, ...policyLines],
  };
  if (!txt.ok) return item('mta-sts', '06-mta-sts', { pass: false, detail: text('checker.errorRule', { error: txt.errorText ?? txt.error, rule: txt.rule }), evidence, fix: fixPolicy });
  evidence.push(text('checker.txtValid', { id: txt.id }));
  const fetch = facts.mtaSts.fetch;
  if (!fetch) return item('mta-sts', '06-mta-sts', { pass: false, detail: text('checker.notFetched'), evidence, fix: fixPolicy });
  if (fetch.tls) evidence.push(text('checker.policyTls', { host: fetch.policyHost, version: fetch.tls.version, cipher: fetch.tls.cipher, pkix: fetch.tls.pkix, names: fetch.tls.certNames.join(', ') }));
  if (fetch.http) {
    const { status, contentType, bytes } = fetch.http;
    evidence.push(contentType ? text('checker.policyHttpType', { status, type: contentType, bytes }) : text('checker.policyHttp', { status, bytes }));
  }
  if (!fetch.ok) {
    return item('mta-sts', '06-mta-sts', {
      pass: false,
      detail: text('checker.policyUnusable', { reason: fetch.reasonText ?? fetch.reason, rule: fetch.rule, result: fetch.tlsrptResult }),
      evidence: [...evidence, ...(fetch.errors ?? []).map((e) => (e.line ? text('checker.policyErrorLine', { line: e.line, message: e.messageText ?? e.message, rule: e.rule }) : text('checker.policyError', { message: e.messageText ?? e.message, rule: e.rule })))],
      fix: fixPolicy,
    });
  }
  const policy = fetch.policy;
  evidence.push(text('checker.policyLines', { lines: policy.lines.join(' | ') }));
  const unmatched = facts.hosts.filter((h) => !matchMxPatterns(policy.mx, h.host).matches).map((h) => h.host);
  const notes = policy.maxAge < SHORT_MAX_AGE ? [text('checker.shortMaxAge', { maxAge: policy.maxAge })] : [];
  const problems = [
    ...(policy.mode !== 'enforce' ? [text(policy.mode === 'testing' ? 'checker.modeTesting' : 'checker.modeNone')] : []),
    ...(unmatched.length ? [text('checker.unmatchedMx', { hosts: unmatched })] : []),
  ];
  return item('mta-sts', '06-mta-sts', {
    pass: problems.length === 0,
    detail: problems.length === 0 ? text('checker.stsPass', { maxAge: policy.maxAge }) : clauses(problems),
    evidence,
    notes,
    fix: { ...fixPolicy, lines: policyLines },
  });
}

export function tlsRptItem(facts: CheckerFacts): CheckerItem {
  const { domain } = facts;
  const record = selectTlsRptRecord(facts.tlsRpt.texts);
  const evidence = [dnsLine(facts.tlsRpt.txt)];
  if (record.ok) evidence.push(text('checker.rua', { uris: record.rua.map((r) => r.uri) }));
  return item('tls-rpt', '06-mta-sts', {
    pass: record.ok,
    detail: record.ok ? text('checker.rptPass', { count: record.rua.length }) : text('checker.errorRule', { error: record.errorText ?? record.error, rule: record.rule }),
    evidence,
    fix: {
      en: `Publish one TXT record at _smtp._tls.${domain} that tells senders where to send their daily TLS reports:`,
      ja: `送信側が毎日の TLS レポートを送る先を示す TXT レコードを、_smtp._tls.${domain} に 1 つ公開してください：`,
      lines: [`_smtp._tls.${domain}. IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@${domain}"`],
    },
  });
}
