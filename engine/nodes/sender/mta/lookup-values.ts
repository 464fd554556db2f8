// The values the sending MTA reads out of its resolver's answers.
import type { LookupResult } from '../../../dns/resolver/stub-resolver.ts';
import type { TlsaRecord } from '../../../policy/dane/tlsa-record.ts';

/** The first IPv4 address of an A lookup. */
export function firstAddress(result: LookupResult): string | undefined {
  return result.answers.find((rr) => rr.type === 'A')?.data as string | undefined;
}

/** Each TXT record as its character-strings (RFC 1035 §3.3.14); callers join them as their RFC says. */
export function txtRecords(result: LookupResult): string[][] {
  return result.answers.filter((rr) => rr.type === 'TXT').map((rr) => (rr.data as Buffer[]).map((b) => Buffer.from(b).toString('latin1')));
}

export function tlsaRecords(result: LookupResult): TlsaRecord[] {
  return result.answers
    .filter((rr) => rr.type === 'TLSA')
    .map((rr) => {
      const d = rr.data as { usage: number; selector: number; matchingType: number; certificate: Buffer };
      return { usage: d.usage, selector: d.selector, matchingType: d.matchingType, data: Buffer.from(d.certificate) };
    });
}
