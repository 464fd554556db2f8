// What the checker looks up for sender authentication: the domain's SPF record (and what
// mailauth's evaluator says of it for an address it does not list), whether `_domainkey` exists,
// the `_dmarc` record and the BIMI record. Lookups only; the verdicts are in items/auth-items.ts.
import type { LookupResult } from '../../dns/resolver/stub-resolver.ts';
import { mailauthResolver } from '../../nodes/receiver/auth/mailauth-resolver.ts';
import { txtRecords } from '../../nodes/sender/mta/lookup-values.ts';
import type { DnsFact, SenderAuthFacts } from '../facts.ts';

/** An address no lab domain lists (RFC 5737 TEST-NET-3): the result an unlisted sender gets. */
export const PROBE_IP = '203.0.113.250';

const joined = (texts: string[][]) => texts.map((parts) => parts.join(''));

export async function gatherAuthFacts(domain: string, lookup: (name: string, type: string) => Promise<LookupResult>, dnsFact: (r: LookupResult) => DnsFact): Promise<SenderAuthFacts> {
  const { spf: spfCheck } = await import('mailauth/lib/spf/index.js');
  const [spfLookup, domainkeyLookup, dmarcLookup, bimiLookup] = [await lookup(domain, 'TXT'), await lookup(`_domainkey.${domain}`, 'TXT'), await lookup(`_dmarc.${domain}`, 'TXT'), await lookup(`default._bimi.${domain}`, 'TXT')];
  const spfTexts = joined(txtRecords(spfLookup)).filter((t) => /^v=spf1(\s|$)/i.test(t));
  let unlisted: SenderAuthFacts['spf']['unlisted'] = null;
  if (spfTexts.length > 0) {
    const result = (await spfCheck({ sender: `postmaster@${domain}`, ip: PROBE_IP, helo: 'checker.example', mta: 'checker.example', resolver: mailauthResolver({ lookup }) as never })) as unknown as { status?: { result?: string; comment?: string } };
    unlisted = { result: result.status?.result ?? 'none', comment: result.status?.comment ?? '' };
  }
  return {
    spf: { txt: dnsFact(spfLookup), records: spfTexts, unlisted },
    domainkey: dnsFact(domainkeyLookup),
    dmarc: { txt: dnsFact(dmarcLookup), records: joined(txtRecords(dmarcLookup)).filter((t) => /^v=DMARC1\s*(;|$)/i.test(t)) },
    bimi: { txt: dnsFact(bimiLookup), records: joined(txtRecords(bimiLookup)).filter((t) => /^v=BIMI1\s*(;|$)/i.test(t)) },
  };
}
