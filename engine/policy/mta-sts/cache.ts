// RFC 8461 §3.3 and §5.1: when to use the cached policy, when to fetch, when there is none.
// Pure functions over a small cache record; the node keeps the records and does the fetch.
import type { TlsRptResultType } from '../decision.ts';
import type { FetchOutcome } from './fetch-response.ts';
import type { MtaStsPolicy } from './policy-file.ts';
import type { StsTxtResult } from './txt-record.ts';

export interface StsCacheEntry {
  domain: string;
  /** The TXT id the policy was fetched under. */
  id: string;
  policy: MtaStsPolicy;
  /** Milliseconds since the epoch. */
  fetchedAt: number;
}

export interface StsFetchFailure {
  id: string;
  at: number;
}

/** The TXT lookup as the node saw it: a parsed selection, or a DNS error. */
export type StsTxtLookup = StsTxtResult | { ok: false; kind: 'lookup-error'; error: string; rule?: string };

/** A failed GET SHOULD not be repeated for the same id within five minutes (§3.3). */
export const FETCH_RETRY_MS = 5 * 60 * 1000;
/** The suggested proactive refresh frequency (§3.3). */
export const REFRESH_AFTER_MS = 24 * 60 * 60 * 1000;

export type CacheState = 'absent' | 'valid' | 'expired';

export function cacheState(entry: StsCacheEntry | undefined, now: number): CacheState {
  if (!entry) return 'absent';
  return now - entry.fetchedAt < entry.policy.maxAge * 1000 ? 'valid' : 'expired';
}

export type DiscoveryDecision =
  | { action: 'use-cache'; policy: MtaStsPolicy; refresh: boolean; rule: string; reason: string }
  | { action: 'fetch'; id: string; fallback?: StsCacheEntry; rule: string; reason: string }
  | { action: 'no-policy'; rule: string; reason: string };

export interface DiscoveryInput {
  domain: string;
  txt: StsTxtLookup;
  cache?: StsCacheEntry;
  lastFailedFetch?: StsFetchFailure;
  now: number;
}

/** Step one of §5.1: look at the TXT record and the cache, and say what to do before delivery. */
export function decideDiscovery(input: DiscoveryInput): DiscoveryDecision {
  const { domain, txt, now } = input;
  const state = cacheState(input.cache, now);
  const cached = state === 'valid' ? input.cache : undefined;
  const age = cached ? describeAge(now - cached.fetchedAt) : '';

  if (!txt.ok) {
    const why = txt.kind === 'lookup-error' ? `the _mta-sts TXT lookup failed (${txt.error})` : txt.error;
    if (cached) {
      return {
        action: 'use-cache',
        policy: cached.policy,
        refresh: false,
        rule: 'RFC 8461 §5.1',
        reason: `${why}; a missing TXT record does not remove a cached policy, so the cached ${cached.policy.mode} policy for ${domain} (fetched ${age} ago) applies`,
      };
    }
    const expired = state === 'expired' ? ' (the cached policy has expired)' : '';
    return { action: 'no-policy', rule: 'RFC 8461 §3.1', reason: `${why}${expired}: deliver to ${domain} as without MTA-STS` };
  }

  if (cached && cached.id === txt.id) {
    const refresh = now - cached.fetchedAt >= REFRESH_AFTER_MS;
    return {
      action: 'use-cache',
      policy: cached.policy,
      refresh,
      rule: 'RFC 8461 §3.3',
      reason: `the TXT id ${txt.id} is the id of the cached policy (fetched ${age} ago, max_age ${cached.policy.maxAge} s): use the cache${refresh ? ', and refresh it in the background' : ''}`,
    };
  }

  const failed = input.lastFailedFetch;
  if (failed && failed.id === txt.id && now - failed.at < FETCH_RETRY_MS) {
    const wait = `a fetch for id ${txt.id} failed ${describeAge(now - failed.at)} ago; wait five minutes before the next try`;
    if (cached) {
      return { action: 'use-cache', policy: cached.policy, refresh: false, rule: 'RFC 8461 §3.3', reason: `${wait}; the cached policy applies meanwhile` };
    }
    return { action: 'no-policy', rule: 'RFC 8461 §3.3', reason: `${wait}; with no valid cached policy, deliver as without MTA-STS` };
  }

  const why = cached
    ? `the TXT id changed from ${cached.id} to ${txt.id}: the policy was updated`
    : state === 'expired'
      ? `the cached policy expired (max_age ${input.cache!.policy.maxAge} s)`
      : `no policy for ${domain} is cached`;
  return { action: 'fetch', id: txt.id, ...(cached ? { fallback: cached } : {}), rule: 'RFC 8461 §3.3', reason: `${why}: fetch https://mta-sts.${domain}/.well-known/mta-sts.txt` };
}

export type FetchDecision =
  | { action: 'apply'; policy: MtaStsPolicy; cache: StsCacheEntry; rule: string; reason: string }
  | { action: 'use-cache'; policy: MtaStsPolicy; failure: StsFetchFailure; tlsrptResult: TlsRptResultType; rule: string; reason: string }
  | { action: 'no-policy'; failure: StsFetchFailure; tlsrptResult: TlsRptResultType; rule: string; reason: string };

/** Step two of §5.1: a fetch came back; cache and apply it, or fall back. */
export function decideAfterFetch(input: { domain: string; id: string; outcome: FetchOutcome; fallback?: StsCacheEntry; now: number }): FetchDecision {
  const { domain, id, outcome, now } = input;
  if (outcome.ok) {
    return {
      action: 'apply',
      policy: outcome.policy,
      cache: { domain, id, policy: outcome.policy, fetchedAt: now },
      rule: 'RFC 8461 §3.3',
      reason: `${outcome.reason}; cached for ${outcome.policy.maxAge} s under id ${id}`,
    };
  }
  const failure = { id, at: now };
  const fallback = cacheState(input.fallback, now) === 'valid' ? input.fallback : undefined;
  if (fallback) {
    return {
      action: 'use-cache',
      policy: fallback.policy,
      failure,
      tlsrptResult: outcome.tlsrptResult,
      rule: 'RFC 8461 §3.3',
      reason: `${outcome.reason}; a valid policy is cached, so the sender MUST apply it (${fallback.policy.mode})`,
    };
  }
  return {
    action: 'no-policy',
    failure,
    tlsrptResult: outcome.tlsrptResult,
    rule: 'RFC 8461 §3.3',
    reason: `${outcome.reason}; no valid policy is cached, so the sender MUST deliver as though ${domain} had no MTA-STS`,
  };
}

function describeAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} days`;
}
