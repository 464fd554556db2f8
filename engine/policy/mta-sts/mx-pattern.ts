// RFC 8461 §4.1: an MX host is valid when its name matches one or more mx patterns of the policy.
// Matching follows RFC 6125 (case-insensitive); "*" stands for exactly the left-most label,
// so "*.example.com" matches "mail.example.com" but not "example.com" or "foo.bar.example.com".
import { dnsIdMatches } from '../cert-names.ts';
import { canonicalName, domainProblem } from '../dns-name.ts';

export const MX_MATCH_RULE = 'RFC 8461 §4.1';

export interface MxMatch {
  matches: boolean;
  rule: string;
  reason: string;
  /** The pattern that matched. */
  pattern?: string;
}

/** One pattern against one MX host name; a trailing dot on either side is the same name. */
export function matchMxPattern(pattern: string, host: string): MxMatch {
  const p = canonicalName(pattern.trim());
  const h = canonicalName(host.trim());
  const patternDomain = p.startsWith('*.') ? p.slice(2) : p;
  if (patternDomain.includes('*')) {
    return { matches: false, rule: MX_MATCH_RULE, reason: `"${pattern}" is not a valid mx pattern: "*" may only be the whole left-most label ("*.example.com")` };
  }
  const patternProblem = domainProblem(patternDomain);
  if (patternProblem) return { matches: false, rule: MX_MATCH_RULE, reason: `"${pattern}" is not a valid mx pattern: ${patternProblem}` };
  const hostProblem = domainProblem(h);
  if (hostProblem) return { matches: false, rule: MX_MATCH_RULE, reason: `"${host}" is not a valid host name: ${hostProblem}` };

  if (dnsIdMatches(p, h)) {
    const how = p.startsWith('*.')
      ? `"*" stands for the one left-most label "${h.slice(0, h.indexOf('.'))}"`
      : 'the names are equal (compared without regard to case)';
    return { matches: true, rule: MX_MATCH_RULE, reason: `${pattern} matches ${host}: ${how}`, pattern: p };
  }
  let why = 'the names differ';
  if (p.startsWith('*.')) {
    const suffix = p.slice(1);
    if (h === patternDomain) why = `"*" must stand for a label, and ${host} has none before ${patternDomain}`;
    else if (h.endsWith(suffix)) why = `"*" stands for exactly one label, and ${host} has ${h.slice(0, -suffix.length).split('.').length} before ${suffix.slice(1)}`;
    else why = `${host} does not end in ${suffix}`;
  }
  return { matches: false, rule: MX_MATCH_RULE, reason: `${pattern} does not match ${host}: ${why}` };
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
    reason: `${host} matches none of the policy's mx patterns (${patterns.join(', ') || 'none'})`,
  };
}
