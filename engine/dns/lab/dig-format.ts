// dig-like text for learners: the answer, the RRSIGs, and the validation status with its reason.
import { rdataText, rrText } from '../wire/present.ts';
import { fqdn } from '../wire/names.ts';
import type { LookupResult } from '../resolver/stub-resolver.ts';

export function digText(result: LookupResult, source: string): string {
  const lines: string[] = [];
  lines.push(`; labdig ${fqdn(result.name)} ${result.type}  (${source})`);
  lines.push(`;; status: ${result.rcode}, dnssec: ${result.status}${result.cached ? ' (cached)' : ''}`);
  lines.push('');
  lines.push(';; ANSWER SECTION:');
  if (result.answers.length === 0) lines.push(`;  (none: ${result.rcode === 'NOERROR' ? 'the name exists but has no such record (NODATA)' : result.rcode})`);
  for (const rr of result.answers) lines.push(rrText(rr));
  if (result.rrsigs.length > 0) {
    lines.push('');
    lines.push(';; SIGNATURES (RRSIG):');
    for (const rr of result.rrsigs) lines.push(rrText(rr));
  }
  lines.push('');
  lines.push(`;; VALIDATION: ${result.status.toUpperCase()}`);
  lines.push(`;;   ${result.reason}`);
  lines.push(`;;   rule: ${result.rule}${result.zone ? `; decided by zone ${fqdn(result.zone)}${result.keyTag !== undefined ? ` key ${result.keyTag}` : ''}` : ''}`);
  if (result.chain.length > 0) {
    lines.push(';; CHAIN OF TRUST:');
    for (const link of result.chain) {
      const ds = link.ds.length ? `DS ${link.ds.join(',')} -> ` : 'trust anchor -> ';
      lines.push(`;;   ${fqdn(link.zone).padEnd(20)} ${link.state.padEnd(8)} ${ds}DNSKEY ${link.keyTag ?? '-'}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The lookup as plain JSON (`labdig --json`); the API's DnsAnswer adds cached and validating. */
export function resultJson(result: LookupResult) {
  return {
    name: result.name,
    type: result.type,
    status: result.status,
    rcode: result.rcode,
    answers: result.answers.map(rdataText),
    records: result.answers.map(rrText),
    rrsigs: result.rrsigs.map(rrText),
    reason: result.reason,
    rule: result.rule,
    zone: result.zone ?? null,
    keyTag: result.keyTag ?? null,
    chain: result.chain,
  };
}
