// The lab's stub resolver: asks the lab server, walks the chain of trust from the lab root and
// classifies every answer secure / insecure / bogus (RFC 4033 §5, RFC 4035 §4.3, §5). Bogus is
// SERVFAIL to its users (RFC 4035 §5.5). A non-validating client gets answers unchecked.
import { english, reasonPart, said, text } from '../../../common/i18n/text.ts';
import type { Text } from '../../../common/i18n/text.ts';
import { errorSentence } from '../../../common/i18n/text-error.ts';
import type { DnsDetail } from '../../../common/trace-details.ts';
import { classifyAnswer, responseSigner, type ResponseSections } from '../dnssec/classify-answer.ts';
import type { TrustAnchor } from '../dnssec/dnskey-trust.ts';
import { isSubdomain, normalizeName } from '../wire/names.ts';
import type { Rr } from '../wire/records.ts';
import { ChainWalker, type ChainLink } from './chain-walk.ts';
import { DNS_PORT, answerSummary, queryEvent, replyEvent, rrsigSummary, verdictSentence, type DnsEmit } from './dns-trace.ts';
import type { DnsExchange } from './exchange.ts';
import { decodeReply, encodeQuery } from './query-wire.ts';
import { TtlCache } from './ttl-cache.ts';

export type LookupStatus = 'secure' | 'insecure' | 'bogus' | 'unchecked';

export interface LookupResult {
  name: string;
  type: string;
  status: LookupStatus;
  /** SERVFAIL when bogus (RFC 4035 §5.5). */
  rcode: string;
  /** The records answering the question (CNAMEs first), without RRSIGs; empty when bogus. */
  answers: Rr[];
  /** The RRSIGs that came with them. */
  rrsigs: Rr[];
  reason: string;
  /** The reason as a catalogue Text, for the learner's language. */
  reasonText?: Text;
  rule: string;
  /** The zone whose key decided, and that key's tag. */
  zone?: string;
  keyTag?: number;
  chain: ChainLink[];
  cached: boolean;
}

export interface StubResolverOptions {
  exchange: DnsExchange;
  anchor: TrustAnchor;
  validate: boolean;
  /** Node id of the asking client in the trace, e.g. "mail.sender.example" or "terminal". */
  clientNodeId: string;
  serverNodeId?: string;
  emit?: DnsEmit;
  /** Milliseconds since the epoch. */
  now?: () => number;
  flowId?: () => string;
}

const MAX_CNAME = 8;
const BOGUS_TTL = 5;
const STATUS_ORDER: LookupStatus[] = ['secure', 'unchecked', 'insecure', 'bogus'];

function worst(a: LookupStatus, b: LookupStatus): LookupStatus {
  return STATUS_ORDER.indexOf(a) > STATUS_ORDER.indexOf(b) ? a : b;
}

function ttlOf(result: LookupResult, response: ResponseSections): number {
  if (result.status === 'bogus') return BOGUS_TTL;
  if (result.answers.length > 0) return Math.min(...result.answers.map((rr) => rr.ttl));
  const soa = response.authorities.find((rr) => rr.type === 'SOA');
  // RFC 2308 §5: a negative answer lives min(SOA TTL, SOA MINIMUM).
  return soa && soa.type === 'SOA' ? Math.min(soa.ttl, soa.data.minimum ?? soa.ttl) : BOGUS_TTL;
}

export class StubResolver {
  private readonly cache: TtlCache<LookupResult>;
  // Lookups of the same name and type that overlap share one query, as a caching resolver does:
  // a burst of messages to one domain (a queue flushed at once) asks for its MX once, not a
  // thousand times over UDP, where the server's socket buffer would drop most of them.
  private readonly inFlight = new Map<string, Promise<LookupResult>>();
  private readonly walker: ChainWalker;
  private readonly now: () => number;
  private flows = 0;

  constructor(private readonly options: StubResolverOptions) {
    this.now = options.now ?? Date.now;
    this.cache = new TtlCache<LookupResult>(this.now);
    this.walker = new ChainWalker((name, type) => this.ask(name, type, 'chain'), options.anchor, () => Math.floor(this.now() / 1000), this.now);
  }

  get validating(): boolean {
    return this.options.validate;
  }

  flush(): void {
    this.cache.clear();
    this.inFlight.clear();
    this.walker.clear();
  }

  private link() {
    return { from: this.options.clientNodeId, to: this.options.serverNodeId ?? 'ns.example.jp', port: DNS_PORT };
  }

  private nextFlow(): string {
    return this.options.flowId?.() ?? `dns${++this.flows}`;
  }

  private async ask(name: string, type: string, purpose: 'question' | 'chain'): Promise<ResponseSections> {
    const { id, bytes } = encodeQuery(name, type);
    const flow = this.nextFlow();
    this.options.emit?.(queryEvent(flow, this.link(), name, type, bytes, purpose));
    const reply = await this.options.exchange(bytes);
    const decoded = decodeReply(reply, id, name, type);
    this.options.emit?.(replyEvent(flow, this.link(), name, type, reply, decoded.rcode, decoded.answers, decoded.authorities, purpose));
    return decoded;
  }

  async lookup(name: string, type: string): Promise<LookupResult> {
    const result = await this.resolve(normalizeName(name), type.toUpperCase(), 0);
    this.emitVerdict(result);
    return result;
  }

  private async resolve(name: string, type: string, depth: number): Promise<LookupResult> {
    const key = `${name}|${type}`;
    const hit = this.cache.get(key);
    if (hit) return { ...hit, cached: true, answers: hit.answers.map((rr) => ({ ...rr, ttl: Math.min(rr.ttl, this.cache.remaining(key)) })) };
    // Only lookups that are not part of a CNAME chain wait for each other: a chain that loops back
    // to its own start must not wait for itself.
    if (depth > 0) return this.resolveUncached(key, name, type, depth);
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const lookup = this.resolveUncached(key, name, type, depth).finally(() => {
      if (this.inFlight.get(key) === lookup) this.inFlight.delete(key);
    });
    this.inFlight.set(key, lookup);
    return lookup;
  }

  private async resolveUncached(key: string, name: string, type: string, depth: number): Promise<LookupResult> {
    let response: ResponseSections;
    try {
      response = await this.ask(name, type, 'question');
    } catch (error) {
      return { name, type, status: this.options.validate ? 'bogus' : 'unchecked', rcode: 'SERVFAIL', answers: [], rrsigs: [], ...said(text(this.options.validate ? 'dnsLookup.noAnswerIndeterminate' : 'dnsLookup.noAnswer', { error: errorSentence(error) })), rule: 'RFC 4035 §4.3', chain: [], cached: false };
    }
    let result = await this.judge(name, type, response);
    const cname = result.answers.find((rr) => rr.type === 'CNAME' && rr.name === name);
    if (cname && cname.type === 'CNAME' && type !== 'CNAME' && result.status !== 'bogus' && depth < MAX_CNAME) {
      const next = await this.resolve(normalizeName(cname.data), type, depth + 1);
      result = { ...next, name, type, status: worst(result.status, next.status), answers: next.status === 'bogus' ? [] : [cname, ...next.answers], rrsigs: [...result.rrsigs, ...next.rrsigs], chain: [...result.chain, ...next.chain] };
    }
    this.cache.set(key, result, ttlOf(result, response));
    return result;
  }

  private async judge(name: string, type: string, response: ResponseSections): Promise<LookupResult> {
    const atName = response.answers.filter((rr) => rr.name === name && (rr.type === type || rr.type === 'CNAME' || type === 'ANY'));
    const rrsigs = response.answers.filter((rr) => rr.type === 'RRSIG' && rr.name === name);
    const base = { name, type, rcode: response.rcode, answers: atName, rrsigs, chain: [] as ChainLink[], cached: false };
    if (!this.options.validate) return { ...base, status: 'unchecked', ...said(text('dnsLookup.notValidating')), rule: 'RFC 4033 §7' };
    const soa = response.authorities.find((rr) => rr.type === 'SOA');
    const signer = responseSigner(name, response);
    const target = signer ?? (soa && isSubdomain(name, soa.name) ? soa.name : name);
    const { trust, chain } = await this.walker.trustFor(target);
    if (signer && trust.state === 'secure' && trust.zone !== signer) {
      const reason = said(text('dnsLookup.wrongSigner', { signer, name, zone: trust.zone }));
      return { ...base, status: 'bogus', rcode: 'SERVFAIL', answers: [], ...reason, rule: 'RFC 4035 §5.3.1', chain, zone: trust.zone };
    }
    const verdict = classifyAnswer(name, type, response, trust, Math.floor(this.now() / 1000));
    if (verdict.status === 'bogus') return { ...base, status: 'bogus', rcode: 'SERVFAIL', answers: [], ...reasonPart(verdict), rule: verdict.rule, chain, zone: verdict.zone, keyTag: verdict.keyTag };
    return { ...base, status: verdict.status, ...reasonPart(verdict), rule: verdict.rule, chain, zone: verdict.zone, keyTag: verdict.keyTag };
  }

  private emitVerdict(result: LookupResult): void {
    if (!this.options.emit) return;
    const shown = answerSummary(result.answers, result.type) || result.rcode;
    const summaryText = verdictSentence(`${result.name} ${result.type} ? -> ${shown}`, result.status, result.cached);
    this.options.emit({
      flow: this.nextFlow(),
      link: this.link(),
      layer: 'dns',
      dir: 'none',
      summary: english(summaryText),
      rule: result.rule,
      detail: {
        kind: 'verdict',
        name: result.name,
        type: result.type,
        status: result.status,
        rcode: result.rcode,
        validating: this.options.validate,
        answers: result.answers.map((rr) => `${rr.type} ${answerSummary([rr], rr.type)}`),
        rrsigs: rrsigSummary(result.rrsigs),
        reason: result.reason,
        ...(result.reasonText ? { reasonText: result.reasonText } : {}),
        key: result.zone ? { zone: result.zone, keyTag: result.keyTag ?? null } : null,
        chain: result.chain,
        cached: result.cached,
        summaryText,
      } satisfies DnsDetail,
      visibility: 'plaintext',
    });
  }
}
