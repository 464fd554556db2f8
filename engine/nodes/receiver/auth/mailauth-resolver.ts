// The receiver's DNS for its sender-authentication checks: the lab's validating resolver, in the
// shape mailauth asks for (node's dns.promises.resolve: TXT as lists of strings, MX as
// {exchange, priority}, errors with ENOTFOUND / ENODATA / ESERVFAIL codes). A bogus answer is
// SERVFAIL to the checks (RFC 4035 §5.5): SPF and DMARC then give temperror, DKIM "DNS failure".
import type { LookupResult } from '../../../dns/resolver/stub-resolver.ts';

export type MailauthResolver = (name: string, type: string) => Promise<unknown[]>;

export interface LookupSource {
  lookup(name: string, type: string): Promise<LookupResult>;
}

function dnsError(code: string, name: string, type: string, why: string): Error {
  return Object.assign(new Error(`${type} ${name}: ${why}`), { code });
}

/** The answers of one lookup as node's resolver gives them, or the error it would throw. */
export function asNodeAnswer(result: LookupResult, name: string, type: string): unknown[] {
  if (result.status === 'bogus' || result.rcode === 'SERVFAIL') throw dnsError('ESERVFAIL', name, type, result.reason);
  if (result.rcode === 'NXDOMAIN') throw dnsError('ENOTFOUND', name, type, 'NXDOMAIN');
  if (result.rcode !== 'NOERROR') throw dnsError('ESERVFAIL', name, type, result.rcode);
  const records = result.answers.filter((rr) => rr.type === type);
  if (records.length === 0) throw dnsError('ENODATA', name, type, 'no records');
  return records.map((rr) => {
    switch (rr.type) {
      case 'TXT': {
        const data = rr.data as Buffer | string | (Buffer | string)[];
        return (Array.isArray(data) ? data : [data]).map((part) => part.toString());
      }
      case 'MX':
        return { exchange: rr.data.exchange, priority: rr.data.preference };
      default:
        return rr.data;
    }
  });
}

export function mailauthResolver(source: LookupSource): MailauthResolver {
  return async (name, type) => asNodeAnswer(await source.lookup(name, type.toUpperCase()), name, type.toUpperCase());
}
