// dig-like text for learners: the answer, the RRSIGs, and the validation status with its reason.
import { renderText, text, type Locale, type Text } from '../../../common/i18n/text.ts';
import { rdataText, rrText } from '../wire/present.ts';
import { fqdn } from '../wire/names.ts';
import type { LookupResult } from '../resolver/stub-resolver.ts';

/** `source` says which resolver answered; the sentences follow `locale`, the records and fields stay as dig prints them. */
export function digText(result: LookupResult, source: Text | string, locale: Locale = 'en'): string {
  const say = (value: Text | string) => renderText(locale, value);
  const lines: string[] = [];
  lines.push(`; labdig ${fqdn(result.name)} ${result.type}  (${say(source)})`);
  lines.push(`;; status: ${result.rcode}, dnssec: ${result.status}${result.cached ? ` ${say(text('digCli.cached'))}` : ''}`);
  lines.push('');
  lines.push(';; ANSWER SECTION:');
  if (result.answers.length === 0) lines.push(`;  ${say(text('digCli.none', { why: result.rcode === 'NOERROR' ? text('dig.nodata') : result.rcode }))}`);
  for (const rr of result.answers) lines.push(rrText(rr));
  if (result.rrsigs.length > 0) {
    lines.push('');
    lines.push(';; SIGNATURES (RRSIG):');
    for (const rr of result.rrsigs) lines.push(rrText(rr));
  }
  lines.push('');
  lines.push(`;; VALIDATION: ${result.status.toUpperCase()}`);
  lines.push(`;;   ${say(result.reasonText ?? result.reason)}`);
  const decided = result.zone
    ? result.keyTag !== undefined
      ? text('dig.ruleDecidedKey', { rule: result.rule, zone: fqdn(result.zone), tag: result.keyTag })
      : text('dig.ruleDecided', { rule: result.rule, zone: fqdn(result.zone) })
    : text('dig.rule', { rule: result.rule });
  lines.push(`;;   ${say(decided)}`);
  if (result.chain.length > 0) {
    lines.push(';; CHAIN OF TRUST:');
    for (const [index, link] of result.chain.entries()) {
      const parent = result.chain[index - 1]?.zone;
      const vouch = link.ds.length ? `DS ${link.ds.join(',')}` : parent ? say(text('dig.noDsIn', { zone: fqdn(parent) })) : say(text('dig.trustAnchor'));
      if (link.state === 'secure') {
        lines.push(`;;   ${fqdn(link.zone).padEnd(20)} ${link.state.padEnd(8)} ${vouch} -> DNSKEY ${link.keyTag ?? '-'}`);
        continue;
      }
      // The walk stopped at this zone: say so and why (an insecure delegation, RFC 4035 §5.2, or a break).
      const end = say(text(link.state === 'insecure' ? 'dig.chainEndsInsecure' : 'dig.chainBroken'));
      lines.push(`;;   ${fqdn(link.zone).padEnd(20)} ${link.state.padEnd(8)} ${vouch} -> ${end} (${link.rule})`);
      lines.push(`;;     ${say(link.reasonText ?? link.reason)}`);
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
    ...(result.reasonText ? { reasonText: result.reasonText } : {}),
    rule: result.rule,
    zone: result.zone ?? null,
    keyTag: result.keyTag ?? null,
    chain: result.chain,
  };
}
