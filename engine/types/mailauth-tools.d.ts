// mailauth ships no types for lib/tools.js; this is the one function the lab uses from it.
declare module 'mailauth/lib/tools.js' {
  /**
   * The first entry of `domains` aligned with `fromDomain`: the same name when `strict`, else the same
   * Organizational Domain by the Public Suffix List (RFC 7489 §3.1, §3.2); false when none is.
   */
  export function getAlignment(fromDomain: string, domains: readonly (string | { domain: string })[], strict: boolean): { domain: string } | false;
}
