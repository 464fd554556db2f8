// The sender's MTA-STS memory (RFC 8461 §3.3, §5.1): the policy cache per domain and the last
// failed fetch, and the discovery step before each delivery: TXT lookup, cache, fetch.
import { text } from '../../../../common/i18n/text.ts';
import type { TlsRptResultType } from '../../../policy/decision.ts';
import { decideAfterFetch, decideDiscovery, type StsCacheEntry, type StsFetchFailure, type StsTxtLookup } from '../../../policy/mta-sts/cache.ts';
import type { MtaStsPolicy } from '../../../policy/mta-sts/policy-file.ts';
import { errorOf, selectStsTxtRecord } from '../../../policy/mta-sts/txt-record.ts';
import type { LookupResult } from '../../../dns/resolver/stub-resolver.ts';
import type { MtaStsFetchResult } from '../mta-sts-fetch.ts';
import { txtRecords } from './lookup-values.ts';
import type { PolicyNote } from './policy-trace.ts';

export interface StsDeps {
  lookupTxt(name: string): Promise<LookupResult>;
  fetch(domain: string): Promise<MtaStsFetchResult>;
  now(): number;
  note(note: PolicyNote): void;
}

export interface StsPrepared {
  /** The policy to apply, or null when the domain has none (as far as the sender can tell). */
  policy: MtaStsPolicy | null;
  /** A fetch or parse failure TLS-RPT counts for this delivery's sessions. */
  tlsrptResult?: TlsRptResultType;
}

export function txtLookupOf(result: LookupResult): StsTxtLookup {
  if (result.status === 'bogus') {
    const { error, errorText } = errorOf(text('stsCache.txtBogus', { reason: result.reasonText ?? result.reason }));
    return { ok: false, kind: 'lookup-error', error, errorText, rule: 'RFC 4035 §5.5' };
  }
  if (result.rcode !== 'NOERROR' && result.rcode !== 'NXDOMAIN') return { ok: false, kind: 'lookup-error', error: result.rcode };
  return selectStsTxtRecord(txtRecords(result));
}

export class MtaStsState {
  private readonly cache = new Map<string, StsCacheEntry>();
  private readonly failures = new Map<string, StsFetchFailure>();

  /** Forgets every cached policy and failed fetch (a new "first contact"). */
  clear(): void {
    this.cache.clear();
    this.failures.clear();
  }

  cached(domain: string): StsCacheEntry | undefined {
    return this.cache.get(domain);
  }

  async prepare(domain: string, deps: StsDeps): Promise<StsPrepared> {
    const txt = txtLookupOf(await deps.lookupTxt(`_mta-sts.${domain}`));
    const cache = this.cache.get(domain);
    const lastFailedFetch = this.failures.get(domain);
    const discovery = decideDiscovery({ domain, txt, now: deps.now(), ...(cache ? { cache } : {}), ...(lastFailedFetch ? { lastFailedFetch } : {}) });
    deps.note({ decision: 'mta-sts-discovery', rule: discovery.rule, reason: discovery.reason, reasonText: discovery.reasonText, verdict: discovery.action });
    if (discovery.action === 'no-policy') return { policy: null };
    if (discovery.action === 'use-cache' && !discovery.refresh) return { policy: discovery.policy };
    const id = discovery.action === 'fetch' ? discovery.id : (cache?.id ?? '');
    const fallback = discovery.action === 'fetch' ? discovery.fallback : cache;
    const outcome = await deps.fetch(domain);
    const after = decideAfterFetch({ domain, id, outcome, now: deps.now(), ...(fallback ? { fallback } : {}) });
    deps.note({
      decision: 'mta-sts-fetch',
      rule: after.rule,
      reason: after.reason,
      reasonText: after.reasonText,
      verdict: after.action,
      extra: { policyHost: outcome.policyHost, ...(outcome.http ? { http: outcome.http } : {}), ...(outcome.tls ? { tls: outcome.tls } : {}), ...(outcome.ok ? { mode: outcome.policy.mode, mx: outcome.policy.mx } : { errors: outcome.errors ?? [] }) },
    });
    if (after.action === 'apply') {
      this.cache.set(domain, after.cache);
      this.failures.delete(domain);
      return { policy: after.policy };
    }
    this.failures.set(domain, after.failure);
    return after.action === 'use-cache' ? { policy: after.policy, tlsrptResult: after.tlsrptResult } : { policy: null, tlsrptResult: after.tlsrptResult };
  }
}
