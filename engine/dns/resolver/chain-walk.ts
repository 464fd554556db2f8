// Walks the chain of trust from the lab root down to the zone that holds a name: DNSKEY of the
// root against the trust anchor, then for each name below, its DS from the parent and its DNSKEY
// (RFC 4035 §5.1, §5.2). Each step is cached by TTL. I/O goes through `ask`.
import { reasonOf, reasonPart, said, text, type Text } from '../../../common/i18n/text.ts';
import { errorSentence } from '../../../common/i18n/text-error.ts';
import type { DnskeyData, DsData } from 'dns-packet';
import type { DnsChainLink } from '../../../common/dns.ts';
import { trustDnskeys, type TrustAnchor } from '../dnssec/dnskey-trust.ts';
import type { ResponseSections, ZoneTrust } from '../dnssec/classify-answer.ts';
import { proveNoDs, toNsec, type Nsec } from '../dnssec/nsec-proof.ts';
import { verifyRrset } from '../dnssec/verify-rrset.ts';
import { ROOT, namesBelow, normalizeName } from '../wire/names.ts';
import { groupRrsets, type Rr } from '../wire/records.ts';
import { TtlCache } from './ttl-cache.ts';

export type Ask = (name: string, type: string) => Promise<ResponseSections>;

/** One link of the chain, for the chain-of-trust view: the shape the UI and CLI read (common/dns.ts). */
export type ChainLink = DnsChainLink;

type Step =
  | { kind: 'cut'; trust: ZoneTrust; link: ChainLink }
  | { kind: 'not-a-cut' }
  | { kind: 'stop'; trust: ZoneTrust; link: ChainLink };

/** How long a bogus result is remembered (RFC 4035 §4.7 asks for a limit; RFC 9520 §3 suggests seconds, not hours). */
const BOGUS_TTL = 5;

function minTtl(rrs: Rr[], fallback: number): number {
  return rrs.length === 0 ? fallback : Math.min(...rrs.map((rr) => rr.ttl));
}

export class ChainWalker {
  private readonly steps: TtlCache<Step>;

  constructor(
    private readonly ask: Ask,
    private readonly anchor: TrustAnchor,
    private readonly nowSeconds: () => number,
    nowMs: () => number,
  ) {
    this.steps = new TtlCache<Step>(nowMs);
  }

  clear(): void {
    this.steps.clear();
  }

  /** The trust of the deepest zone enclosing `target`, and the links that led there. */
  async trustFor(target: string): Promise<{ trust: ZoneTrust; chain: ChainLink[] }> {
    const chain: ChainLink[] = [];
    const root = await this.cached(`keys|${ROOT}`, () => this.zoneKeys(ROOT, { ds: this.anchor.ds, dnskeys: this.anchor.dnskeys }, []));
    if (root.kind !== 'cut' && root.kind !== 'stop') throw new Error('unreachable');
    chain.push(root.link);
    let trust = root.trust;
    for (const name of namesBelow(normalizeName(target), ROOT)) {
      if (trust.state !== 'secure') break;
      const parent = trust;
      const step = await this.cached(`cut|${name}`, () => this.probeCut(name, parent));
      if (step.kind === 'not-a-cut') continue;
      chain.push(step.link);
      trust = step.trust;
    }
    return { trust, chain };
  }

  private async cached(key: string, compute: () => Promise<Step & { ttl?: number }>): Promise<Step> {
    const hit = this.steps.get(key);
    if (hit) return hit;
    const step = await compute();
    const ttl = step.kind !== 'not-a-cut' && step.trust.state === 'bogus' ? BOGUS_TTL : (step.ttl ?? 60);
    this.steps.set(key, step, ttl);
    return step;
  }

  private async zoneKeys(zone: string, vouch: { ds?: DsData[]; dnskeys?: DnskeyData[] }, dsTags: number[]): Promise<Step & { ttl: number }> {
    let response: ResponseSections;
    try {
      response = await this.ask(zone, 'DNSKEY');
    } catch (error) {
      return this.stop(zone, 'bogus', 'RFC 4035 §5.2', text('dnsChain.noDnskey', { zone, error: errorSentence(error) }), dsTags);
    }
    const rrset = response.answers.filter((rr) => rr.type === 'DNSKEY' && normalizeName(rr.name) === zone);
    const verdict = trustDnskeys(zone, rrset, response.answers, vouch, this.nowSeconds());
    if (verdict.state !== 'secure') return this.stop(zone, verdict.state, verdict.rule, reasonOf(verdict), dsTags);
    const trust: ZoneTrust = { state: 'secure', zone, keys: verdict.keys, keyTag: verdict.keyTag, rule: verdict.rule, ...reasonPart(verdict) };
    const link: ChainLink = { zone, state: 'secure', ds: dsTags, keyTag: verdict.keyTag, rule: verdict.rule, ...reasonPart(verdict) };
    const ttl = Math.min(minTtl(rrset, 60), Math.max(1, verdict.expiration - this.nowSeconds()));
    return { kind: 'cut', trust, link, ttl };
  }

  private stop(zone: string, state: 'insecure' | 'bogus', rule: string, why: Text | string, ds: number[], ttl = 60): Step & { ttl: number } {
    const reason = typeof why === 'string' ? { reason: why } : said(why);
    const trust: ZoneTrust = { state, zone, rule, ...reason };
    return { kind: 'stop', trust, link: { zone, state, ds, rule, ...reason }, ttl };
  }

  private async probeCut(name: string, parent: Extract<ZoneTrust, { state: 'secure' }>): Promise<Step & { ttl?: number }> {
    let response: ResponseSections;
    try {
      response = await this.ask(name, 'DS');
    } catch (error) {
      return this.stop(name, 'bogus', 'RFC 4035 §5.2', text('dnsChain.noDsAnswer', { name, error: errorSentence(error) }), []);
    }
    const now = this.nowSeconds();
    const all = [...response.answers, ...response.authorities];
    const ds = all.filter((rr) => rr.type === 'DS' && normalizeName(rr.name) === name);
    if (ds.length > 0) {
      const verdict = verifyRrset(ds, all, parent.zone, parent.keys, now);
      if (!verdict.ok) return this.stop(name, 'bogus', verdict.rule, text('dnsChain.dsBad', { name, zone: parent.zone, reason: reasonOf(verdict) }), []);
      const dsData = ds.flatMap((rr) => (rr.type === 'DS' ? [rr.data] : []));
      const keys = await this.zoneKeys(name, { ds: dsData }, dsData.map((d) => d.keyTag));
      return { ...keys, ttl: Math.min(keys.ttl, minTtl(ds, 60)) };
    }
    if (response.rcode === 'NXDOMAIN') return { kind: 'not-a-cut', ttl: 5 };
    const nsecs: Nsec[] = [];
    const nsecRrs = response.authorities.filter((rr) => rr.type === 'NSEC');
    for (const rrset of groupRrsets(nsecRrs)) {
      const verdict = verifyRrset(rrset, response.authorities, parent.zone, parent.keys, now);
      if (!verdict.ok) return this.stop(name, 'bogus', verdict.rule, text('dnsChain.denialBad', { name, reason: reasonOf(verdict) }), []);
      for (const rr of rrset) if (rr.type === 'NSEC') nsecs.push(toNsec(rr.name, rr.data));
    }
    const proof = proveNoDs(name, nsecs);
    const ttl = minTtl(nsecRrs, 60);
    if (proof.kind === 'not-a-cut') return { kind: 'not-a-cut', ttl };
    if (proof.kind === 'insecure-delegation') return this.stop(name, 'insecure', proof.rule, text('dnsChain.insecure', { proof: reasonOf(proof), zone: parent.zone, tag: parent.keyTag }), [], ttl);
    return this.stop(name, 'bogus', proof.rule, text('dnsChain.unproven', { zone: parent.zone, proof: reasonOf(proof) }), []);
  }
}
