// RFC 8461 §3.3 (and §3.2 on the media type): is an HTTPS response a policy the sender may use?
// The node does the GET; this core judges what came back.
import { messageOf, said, text, type Text } from '../../../common/i18n/text.ts';
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
  | { ok: true; policy: MtaStsPolicy; rule: string; reason: string; reasonText?: Text }
  | { ok: false; tlsrptResult: Extract<TlsRptResultType, 'sts-policy-fetch-error' | 'sts-policy-invalid' | 'sts-webpki-invalid'>; rule: string; reason: string; reasonText?: Text; errors?: PolicyError[] };

export function judgePolicyResponse(response: PolicyResponse): FetchOutcome {
  const host = response.policyHost;
  if (response.pkix !== 'valid') {
    const key = ({ expired: 'stsFetch.certExpired', 'not-trusted': 'stsFetch.certNotTrusted', invalid: 'stsFetch.certInvalid' } as const)[response.pkix];
    return { ok: false, tlsrptResult: 'sts-webpki-invalid', rule: 'RFC 8461 §3.3', ...said(text(key, { host })) };
  }
  const name = matchAnyName(response.certNames, [host]);
  if (!name.matched) {
    return {
      ok: false,
      tlsrptResult: 'sts-webpki-invalid',
      rule: 'RFC 8461 §3.3',
      ...said(text('stsFetch.certName', { host, names: response.certNames.length ? response.certNames.join(', ') : text('sts.noDnsId') })),
    };
  }
  if (response.status !== 200) {
    const key = response.status >= 300 && response.status < 400 ? 'stsFetch.redirect' : 'stsFetch.notOk';
    return { ok: false, tlsrptResult: 'sts-policy-fetch-error', rule: 'RFC 8461 §3.3', ...said(text(key, { host, status: response.status })) };
  }
  if (response.body.byteLength > MAX_POLICY_BYTES) {
    return {
      ok: false,
      tlsrptResult: 'sts-policy-fetch-error',
      rule: 'RFC 8461 §3.3',
      ...said(text('stsFetch.tooBig', { bytes: response.body.byteLength, limit: MAX_POLICY_BYTES })),
    };
  }
  const mediaType = (response.contentType ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType !== 'text/plain') {
    return {
      ok: false,
      tlsrptResult: 'sts-policy-invalid',
      rule: 'RFC 8461 §3.2',
      ...said(text('stsFetch.mediaType', { type: response.contentType ?? text('stsFetch.noMediaType') })),
    };
  }
  let policyText: string;
  try {
    policyText = new TextDecoder('utf-8', { fatal: true }).decode(response.body);
  } catch {
    return { ok: false, tlsrptResult: 'sts-policy-invalid', rule: 'RFC 8461 §3.2', ...said(text('stsFetch.notUtf8')) };
  }
  const parsed = parseStsPolicy(policyText);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    const message = messageOf(first);
    const reason = first.line === undefined ? text('stsFetch.invalid', { message }) : text('stsFetch.invalidLine', { line: first.line, message });
    return { ok: false, tlsrptResult: 'sts-policy-invalid', rule: first.rule, ...said(reason), errors: parsed.errors };
  }
  return { ok: true, policy: parsed.policy, rule: 'RFC 8461 §3.3', ...said(text('stsFetch.valid', { mode: parsed.policy.mode, host })) };
}
