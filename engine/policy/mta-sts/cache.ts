// RFC 8461 §3.3 and §5.1: when to use the cached policy, when to fetch, when there is none.
// Pure functions over a small cache record; the node keeps the records and does the fetch.
import { reasonOf, said, text, type Text } from '../../../common/i18n/text.ts';
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
export type StsTxtLookup = StsTxtResult | { ok: false; kind: 'lookup-error'; error: string; errorText?: Text; rule?: string };

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
  | { action: 'use-cache'; policy: MtaStsPolicy; refresh: boolean; rule: string; reason: string; reasonText: Text }
  | { action: 'fetch'; id: string; fallback?: StsCacheEntry; rule: string; reason: string; reasonText: Text }
  | { action: 'no-policy'; rule: string; reason: string; reasonText: Text };

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
  const age = cached ? describeAge(now - cached.fetchedAt) : text('text.plain', { text: '' });

  if (!txt.ok) {
    const why = txt.kind === 'lookup-error' ? text('stsCache.txtFailed', { error: txt.errorText ?? txt.error }) : (txt.errorText ?? txt.error);
    if (cached) {
      return {
        action: 'use-cache',
        policy: cached.policy,
        refresh: false,
        rule: 'RFC 8461 §5.1',
        ...said(text('stsCache.keepCached', { why, mode: cached.policy.mode, domain, age })),
      };
    }
    return { action: 'no-policy', rule: 'RFC 8461 §3.1', ...said(text(state === 'expired' ? 'stsCache.noPolicyExpired' : 'stsCache.noPolicy', { why, domain })) };
  }

  if (cached && cached.id === txt.id) {
    const refresh = now - cached.fetchedAt >= REFRESH_AFTER_MS;
    return {
      action: 'use-cache',
      policy: cached.policy,
      refresh,
      rule: 'RFC 8461 §3.3',
      ...said(text(refresh ? 'stsCache.sameIdRefresh' : 'stsCache.sameId', { id: txt.id, age, maxAge: cached.policy.maxAge })),
    };
  }

  const failed = input.lastFailedFetch;
  if (failed && failed.id === txt.id && now - failed.at < FETCH_RETRY_MS) {
    const wait = text('stsCache.waitRetry', { id: txt.id, age: describeAge(now - failed.at) });
    if (cached) {
      return { action: 'use-cache', policy: cached.policy, refresh: false, rule: 'RFC 8461 §3.3', ...said(text('stsCache.waitUseCache', { wait })) };
    }
    return { action: 'no-policy', rule: 'RFC 8461 §3.3', ...said(text('stsCache.waitNoPolicy', { wait })) };
  }

  const why = cached
    ? text('stsCache.idChanged', { from: cached.id, to: txt.id })
    : state === 'expired'
      ? text('stsCache.expired', { maxAge: input.cache!.policy.maxAge })
      : text('stsCache.notCached', { domain });
  return { action: 'fetch', id: txt.id, ...(cached ? { fallback: cached } : {}), rule: 'RFC 8461 §3.3', ...said(text('stsCache.fetch', { why, url: `https://mta-sts.${domain}/.well-known/mta-sts.txt` })) };
}

export type FetchDecision =
  | { action: 'apply'; policy: MtaStsPolicy; cache: StsCacheEntry; rule: string; reason: string; reasonText: Text }
  | { action: 'use-cache'; policy: MtaStsPolicy; failure: StsFetchFailure; tlsrptResult: TlsRptResultType; rule: string; reason: string; reasonText: Text }
  | { action: 'no-policy'; failure: StsFetchFailure; tlsrptResult: TlsRptResultType; rule: string; reason: string; reasonText: Text };

/** Step two of §5.1: a fetch came back; cache and apply it, or fall back. */
export function decideAfterFetch(input: { domain: string; id: string; outcome: FetchOutcome; fallback?: StsCacheEntry; now: number }): FetchDecision {
  const { domain, id, outcome, now } = input;
  if (outcome.ok) {
    return {
      action: 'apply',
      policy: outcome.policy,
      cache: { domain, id, policy: outcome.policy, fetchedAt: now },
      rule: 'RFC 8461 §3.3',
      ...said(text('stsCache.applied', { reason: reasonOf(outcome), maxAge: outcome.policy.maxAge, id })),
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
      ...said(text('stsCache.fallbackCache', { reason: reasonOf(outcome), mode: fallback.policy.mode })),
    };
  }
  return {
    action: 'no-policy',
    failure,
    tlsrptResult: outcome.tlsrptResult,
    rule: 'RFC 8461 §3.3',
    ...said(text('stsCache.fallbackNone', { reason: reasonOf(outcome), domain })),
  };
}

function describeAge(ms: number): Text {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return text('age.seconds', { n: s });
  if (s < 7200) return text('age.minutes', { n: Math.round(s / 60) });
  if (s < 172800) return text('age.hours', { n: Math.round(s / 3600) });
  return text('age.days', { n: Math.round(s / 86400) });
}
