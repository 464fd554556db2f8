// RFC 8461 §4.1: an MX host is valid when its name matches one or more mx patterns of the policy.
// Matching follows RFC 6125 (case-insensitive); "*" stands for exactly the left-most label,
// so "*.example.com" matches "mail.example.com" but not "example.com" or "foo.bar.example.com".
import { dnsIdMatches } from '../cert-names.ts';
import { said, text, type Text } from '../../../common/i18n/text.ts';
import { canonicalName, domainProblemText } from '../dns-name.ts';

export const MX_MATCH_RULE = 'RFC 8461 §4.1';

export interface MxMatch {
  matches: boolean;
  rule: string;
  reason: string;
  reasonText: Text;
  /** The pattern that matched. */
  pattern?: string;
}

/** One pattern against one MX host name; a trailing dot on either side is the same name. */
export function matchMxPattern(pattern: string, host: string): MxMatch {
  const p = canonicalName(pattern.trim());
  const h = canonicalName(host.trim());
  const patternDomain = p.startsWith('*.') ? p.slice(2) : p;
  if (patternDomain.includes('*')) {
    return { matches: false, rule: MX_MATCH_RULE, ...said(text('mxp.badWildcard', { pattern })) };
  }
  const patternProblem = domainProblemText(patternDomain);
  if (patternProblem) return { matches: false, rule: MX_MATCH_RULE, ...said(text('mxp.badPattern', { pattern, problem: patternProblem })) };
  const hostProblem = domainProblemText(h);
  if (hostProblem) return { matches: false, rule: MX_MATCH_RULE, ...said(text('mxp.badHost', { host, problem: hostProblem })) };

  if (dnsIdMatches(p, h)) {
    const how = p.startsWith('*.') ? text('mxp.wildcardLabel', { label: h.slice(0, h.indexOf('.')) }) : text('mxp.equalNames');
    return { matches: true, rule: MX_MATCH_RULE, ...said(text('mxp.matches', { pattern, host, how })), pattern: p };
  }
  let why: Text = text('mxp.namesDiffer');
  if (p.startsWith('*.')) {
    const suffix = p.slice(1);
    if (h === patternDomain) why = text('mxp.noLabel', { host, domain: patternDomain });
    else if (h.endsWith(suffix)) why = text('mxp.tooManyLabels', { host, count: h.slice(0, -suffix.length).split('.').length, suffix: suffix.slice(1) });
    else why = text('mxp.wrongSuffix', { host, suffix });
  }
  return { matches: false, rule: MX_MATCH_RULE, ...said(text('mxp.noMatch', { pattern, host, why })) };
}

/** The policy's patterns against one MX host: the first that matches, or why none does. */
export function matchMxPatterns(patterns: readonly string[], host: string): MxMatch {
  for (const pattern of patterns) {
    const result = matchMxPattern(pattern, host);
    if (result.matches) return result;
  }
  return {
    matches: false,
    rule: MX_MATCH_RULE,
    ...said(text('mxp.matchesNone', { host, patterns: patterns.length ? patterns.join(', ') : text('mxp.nonePatterns') })),
  };
}
