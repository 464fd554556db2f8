// The compose form's fields as the SendRequest the sending MTA takes.
import type { SendRequest, SenderPolicyName } from '../../../common/sender.ts';

/** The policy picker's choices: the sender's own main.cf, or one named policy for this message. */
export type ComposePolicy = 'main.cf' | SenderPolicyName;

export interface ComposeFields {
  from: string;
  /** One or more addresses, separated by commas or spaces. */
  to: string;
  subject: string;
  body: string;
  policy: ComposePolicy;
  dnssec: boolean;
  requireTls: boolean;
  tlsRequiredNo: boolean;
  fallbackScsv: boolean;
}

export const DEFAULT_COMPOSE: ComposeFields = {
  from: 'alice@sender.example',
  to: 'bob@example.jp',
  subject: '',
  body: '',
  policy: 'main.cf',
  dnssec: false,
  requireTls: false,
  tlsRequiredNo: false,
  fallbackScsv: true,
};

/** DANE rests on DNSSEC (RFC 7672 §2.2): a DANE sender always validates. */
export const alwaysValidates = (policy: ComposePolicy): boolean => policy.includes('dane');

/** TLS_FALLBACK_SCSV (RFC 7507) only means something to a sender that retries with lower versions. */
export const offersFallbackScsv = (policy: ComposePolicy): boolean => policy === 'fallback';

export function recipients(text: string): string[] {
  return text.split(/[\s,;]+/).filter((address) => address !== '');
}

export function sendRequest(fields: ComposeFields): SendRequest {
  const request: SendRequest = {
    from: fields.from.trim(),
    to: recipients(fields.to),
    subject: fields.subject,
    body: fields.body,
    // Without a policy the sender follows its main.cf (smtp_tls_security_level ...), as `smtp-lab send` does.
    ...(fields.policy === 'main.cf' ? {} : { policy: fields.policy }),
    dnssec: alwaysValidates(fields.policy) || fields.dnssec,
    requireTls: fields.requireTls,
    tlsRequiredNo: fields.tlsRequiredNo,
  };
  if (offersFallbackScsv(fields.policy)) request.fallbackScsv = fields.fallbackScsv;
  return request;
}
