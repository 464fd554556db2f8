// RFC 8461 §3.3 (and §3.2 on the media type): is an HTTPS response a policy the sender may use?
// The node does the GET; this core judges what came back.
import { matchAnyName } from '../cert-names.ts';
import type { PkixStatus, TlsRptResultType } from '../decision.ts';
import { parseStsPolicy, type MtaStsPolicy, type PolicyError } from './policy-file.ts';

/** The size cap RFC 8461 §3.3 suggests. */
export const MAX_POLICY_BYTES = 64 * 1024;

export interface PolicyResponse {
  /** mta-sts.<policy domain>. */
  policyHost: string;
  /** PKIX validation of the policy host's chain against the sender's trust store. */
  pkix: PkixStatus;
  /** SAN DNS-IDs of the policy host's certificate. */
  certNames: readonly string[];
  status: number;
  contentType?: string;
  body: Uint8Array;
}

export type FetchOutcome =
  | { ok: true; policy: MtaStsPolicy; rule: string; reason: string }
  | { ok: false; tlsrptResult: Extract<TlsRptResultType, 'sts-policy-fetch-error' | 'sts-policy-invalid' | 'sts-webpki-invalid'>; rule: string; reason: string; errors?: PolicyError[] };

export function judgePolicyResponse(response: PolicyResponse): FetchOutcome {
  const host = response.policyHost;
  if (response.pkix !== 'valid') {
    const why = { expired: 'has expired', 'not-trusted': 'does not chain to a trusted root', invalid: 'is not valid' }[response.pkix];
    return { ok: false, tlsrptResult: 'sts-webpki-invalid', rule: 'RFC 8461 §3.3', reason: `the certificate of ${host} ${why}: the policy cannot be trusted` };
  }
  const name = matchAnyName(response.certNames, [host]);
  if (!name.matched) {
    return {
      ok: false,
      tlsrptResult: 'sts-webpki-invalid',
      rule: 'RFC 8461 §3.3',
      reason: `the certificate of ${host} names ${response.certNames.join(', ') || 'no DNS-ID'}, not ${host}`,
    };
  }
  if (response.status !== 200) {
    const why = response.status >= 300 && response.status < 400 ? 'redirects MUST NOT be followed' : 'only 200 (OK) yields a policy';
    return { ok: false, tlsrptResult: 'sts-policy-fetch-error', rule: 'RFC 8461 §3.3', reason: `${host} answered HTTP ${response.status}: ${why}` };
  }
  if (response.body.byteLength > MAX_POLICY_BYTES) {
    return {
      ok: false,
      tlsrptResult: 'sts-policy-fetch-error',
      rule: 'RFC 8461 §3.3',
      reason: `the policy is ${response.body.byteLength} bytes, over the ${MAX_POLICY_BYTES}-byte limit`,
    };
  }
  const mediaType = (response.contentType ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType !== 'text/plain') {
    return {
      ok: false,
      tlsrptResult: 'sts-policy-invalid',
      rule: 'RFC 8461 §3.2',
      reason: `the policy was served as "${response.contentType ?? 'no media type'}"; it must be text/plain`,
    };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(response.body);
  } catch {
    return { ok: false, tlsrptResult: 'sts-policy-invalid', rule: 'RFC 8461 §3.2', reason: 'the policy is not valid UTF-8' };
  }
  const parsed = parseStsPolicy(text);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    const where = first.line === undefined ? '' : `line ${first.line}: `;
    return { ok: false, tlsrptResult: 'sts-policy-invalid', rule: first.rule, reason: `the policy is invalid: ${where}${first.message}`, errors: parsed.errors };
  }
  return { ok: true, policy: parsed.policy, rule: 'RFC 8461 §3.3', reason: `fetched a valid ${parsed.policy.mode} policy from ${host}` };
}
