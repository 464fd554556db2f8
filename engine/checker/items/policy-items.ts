// mta-sts and tls-rpt: the domain's `_mta-sts` TXT record and the policy it announces
// (RFC 8461 §3.1-§3.3, §4.1, §5), and its `_smtp._tls` TXT record (RFC 8460 §3).
import type { CheckerItem } from '../../../common/checker.ts';
import { matchMxPatterns } from '../../policy/mta-sts/mx-pattern.ts';
import { selectStsTxtRecord } from '../../policy/mta-sts/txt-record.ts';
import { selectTlsRptRecord } from '../../policy/tlsrpt/txt-record.ts';
import type { CheckerFacts } from '../facts.ts';
import { dnsLine, item } from './item.ts';

/** RFC 8461 §3.2 speaks of max_age in weeks; a day leaves a sender's cache short-lived. */
const SHORT_MAX_AGE = 7 * 24 * 60 * 60;

export function mtaStsItem(facts: CheckerFacts): CheckerItem {
  const { domain } = facts;
  const txt = selectStsTxtRecord(facts.mtaSts.texts);
  const evidence = [dnsLine(facts.mtaSts.txt)];
  const policyLines = ['version: STSv1', 'mode: enforce', ...facts.hosts.map((h) => `mx: ${h.host}`), 'max_age: 1209600'];
  const fixPolicy = {
    en: `Publish the TXT record and serve the policy at https://mta-sts.${domain}/.well-known/mta-sts.txt (text/plain, a certificate valid for mta-sts.${domain}), in mode enforce, listing every MX:`,
    ja: `TXT レコードを公開し、ポリシーを https://mta-sts.${domain}/.well-known/mta-sts.txt で配信してください（text/plain、mta-sts.${domain} に有効な証明書）。モードは enforce、すべての MX を列挙します：`,
    lines: [`_mta-sts.${domain}. IN TXT "v=STSv1; id=${new Date(facts.now).toISOString().replace(/\D/g, '').slice(0, 14)}"`, ...policyLines],
  };
  if (!txt.ok) return item('mta-sts', '06-mta-sts', { pass: false, detail: `${txt.error} (${txt.rule})`, evidence, fix: fixPolicy });
  evidence.push(`TXT record valid: id=${txt.id}`);
  const fetch = facts.mtaSts.fetch;
  if (!fetch) return item('mta-sts', '06-mta-sts', { pass: false, detail: 'the policy was not fetched', evidence, fix: fixPolicy });
  if (fetch.tls) evidence.push(`https://${fetch.policyHost}: ${fetch.tls.version} ${fetch.tls.cipher}, certificate ${fetch.tls.pkix}, names ${fetch.tls.certNames.join(', ')}`);
  if (fetch.http) evidence.push(`HTTP ${fetch.http.status}${fetch.http.contentType ? `, ${fetch.http.contentType}` : ''}, ${fetch.http.bytes} bytes`);
  if (!fetch.ok) {
    return item('mta-sts', '06-mta-sts', {
      pass: false,
      detail: `the policy cannot be used: ${fetch.reason} (${fetch.rule}; TLS-RPT ${fetch.tlsrptResult})`,
      evidence: [...evidence, ...(fetch.errors ?? []).map((e) => `${e.line ? `line ${e.line}: ` : ''}${e.message} (${e.rule})`)],
      fix: fixPolicy,
    });
  }
  const policy = fetch.policy;
  evidence.push(`policy: ${policy.lines.join(' | ')}`);
  const unmatched = facts.hosts.filter((h) => !matchMxPatterns(policy.mx, h.host).matches).map((h) => h.host);
  const notes = policy.maxAge < SHORT_MAX_AGE ? [`max_age ${policy.maxAge} s is under a week: a sender's cached policy expires soon, and a first contact after it is open to the attacks MTA-STS stops (RFC 8461 §3.2 suggests weeks, e.g. 1209600).`] : [];
  const problems = [
    ...(policy.mode !== 'enforce' ? [`mode is ${policy.mode}: senders ${policy.mode === 'testing' ? 'report failures but still deliver' : 'apply no policy'} (RFC 8461 §5)`] : []),
    ...(unmatched.length ? [`no mx pattern matches ${unmatched.join(', ')} (RFC 8461 §4.1): an enforcing sender will not deliver there`] : []),
  ];
  return item('mta-sts', '06-mta-sts', {
    pass: problems.length === 0,
    detail: problems.length === 0 ? `policy valid, mode enforce, every MX matches (max_age ${policy.maxAge})` : problems.join('; '),
    evidence,
    notes,
    fix: { ...fixPolicy, lines: policyLines },
  });
}

export function tlsRptItem(facts: CheckerFacts): CheckerItem {
  const { domain } = facts;
  const record = selectTlsRptRecord(facts.tlsRpt.texts);
  const evidence = [dnsLine(facts.tlsRpt.txt)];
  if (record.ok) evidence.push(`reports go to: ${record.rua.map((r) => r.uri).join(', ')}`);
  return item('tls-rpt', '06-mta-sts', {
    pass: record.ok,
    detail: record.ok ? `valid TLS-RPT record with ${record.rua.length} rua destination(s)` : `${record.error} (${record.rule})`,
    evidence,
    fix: {
      en: `Publish one TXT record at _smtp._tls.${domain} that tells senders where to send their daily TLS reports:`,
      ja: `送信側が毎日の TLS レポートを送る先を示す TXT レコードを、_smtp._tls.${domain} に 1 つ公開してください：`,
      lines: [`_smtp._tls.${domain}. IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@${domain}"`],
    },
  });
}
