// Gathers the checker's facts the way a remote tester does: every DNS question through its own
// validating resolver, every connection through its own links in the lab network (so the trace
// shows its probes and an attacker on its path meets them). Sequential on purpose: the ladder
// then reads probe after probe.
import { english, said, text } from '../../../common/i18n/text.ts';
import type { LookupResult } from '../../dns/resolver/stub-resolver.ts';
import { rdataText } from '../../dns/wire/present.ts';
import type { MtaStsFetchResult } from '../../nodes/sender/mta-sts-fetch.ts';
import { firstAddress, tlsaRecords, txtRecords } from '../../nodes/sender/mta/lookup-values.ts';
import { gatherAuthFacts } from './auth-facts.ts';
import { planMxHosts } from '../../nodes/sender/mta/mx-hosts.ts';
import type { TlsLimits } from '../../nodes/sender/trust-store.ts';
import type { CheckerFacts, DnsFact, HandshakeFact, MxFacts } from '../facts.ts';
import { probeStartTls, type StartTlsProbe } from './starttls-probe.ts';
import { acceptedSuites, scanVersions, type HandshakeProbe } from './tls-scan.ts';

export interface GatherDeps {
  lookup(name: string, type: string): Promise<LookupResult>;
  /** The loopback port where the checker reaches (lab address, port); undefined when nothing answers there. */
  route(address: string, port: number): number | undefined;
  /** The roots a tester trusts: in the lab, the lab CA. */
  trustedCaPems: readonly string[];
  /** The checker's own name, for EHLO. */
  clientName: string;
  timeoutMs: number;
  now(): number;
  /** GET https://mta-sts.<domain>/.well-known/mta-sts.txt on that loopback port. */
  fetchPolicy(domain: string, port: number): Promise<MtaStsFetchResult>;
}

function dnsFact(result: LookupResult): DnsFact {
  return {
    name: result.name,
    type: result.type,
    status: result.status,
    rcode: result.rcode,
    records: result.answers.filter((rr) => rr.type === result.type).map(rdataText),
    reason: result.reason,
    ...(result.reasonText ? { reasonText: result.reasonText } : {}),
    ...(result.zone ? { zone: result.zone } : {}),
  };
}

async function probeHost(host: string, preference: number, deps: GatherDeps): Promise<MxFacts> {
  const addressLookup = await deps.lookup(host, 'A');
  const tlsaLookup = await deps.lookup(`_25._tcp.${host}`, 'TLSA');
  const ip = firstAddress(addressLookup);
  const facts: MxFacts = {
    host,
    preference,
    address: dnsFact(addressLookup),
    ...(ip ? { ip } : {}),
    starttlsOffered: false,
    ehlo: [],
    presentedChain: [],
    versions: [],
    ciphers: [],
    tlsa: { ...dnsFact(tlsaLookup), parsed: tlsaRecords(tlsaLookup) },
  };
  const port = ip ? deps.route(ip, 25) : undefined;
  if (!ip || port === undefined) {
    facts.unreachableText = ip ? text('checker.nothingAnswers', { ip }) : text('checker.noAddress', { host, why: addressLookup.status === 'bogus' ? text('checker.dnssecBogus') : addressLookup.rcode });
    facts.unreachable = english(facts.unreachableText);
    return facts;
  }
  const probe = (trustedCaPems: readonly string[], tls?: TlsLimits): Promise<StartTlsProbe> =>
    probeStartTls({ port, serverName: host, clientName: deps.clientName, trustedCaPems, timeoutMs: deps.timeoutMs, ...(tls ? { tls } : {}) });

  // First as any lab client would: the server's preferences, the lab CA trusted.
  const first = await probe(deps.trustedCaPems);
  facts.starttlsOffered = first.starttlsOffered;
  facts.ehlo = first.ehlo;
  if (!first.greeted) {
    facts.unreachableText = first.errorText ?? (first.error ? text('text.plain', { text: first.error }) : text('checker.noGreeting'));
    facts.unreachable = english(facts.unreachableText);
    return facts;
  }
  if (!first.starttlsOffered) return facts;
  facts.handshake = first.tls
    ? { ok: true, version: first.tls.version, cipher: first.tls.cipher, authorized: first.tls.authorized, ...(first.tls.authorizationError ? { authorizationError: first.tls.authorizationError } : {}) }
    : failedHandshake(first);

  // Then trusting nothing: the chain as sent (RFC 7672 §3.1.2), and each version and suite.
  const handshake: HandshakeProbe = async (limits) => {
    const result = await probe([], limits);
    if (result.tls) {
      if (facts.presentedChain.length === 0) facts.presentedChain = result.tls.peerChain;
      return { ok: true, version: result.tls.version, cipher: result.tls.cipher };
    }
    return { ok: false, error: result.tlsError ?? result.error ?? (result.starttlsOffered ? 'no handshake' : 'STARTTLS not offered') };
  };
  facts.versions = await scanVersions(handshake);
  for (const v of facts.versions.filter((x) => x.accepted)) {
    for (const cipher of await acceptedSuites(handshake, v.version)) facts.ciphers.push({ version: v.version, cipher });
  }
  return facts;
}

/** Why the first probe got no TLS session: the TLS error as OpenSSL gave it, the reply that refused STARTTLS, or what ended the session. */
function failedHandshake(probe: StartTlsProbe): HandshakeFact {
  if (probe.tlsError) return { ok: false, error: probe.tlsError, ...(probe.tlsErrorText ? { errorText: probe.tlsErrorText } : {}) };
  const why = probe.refused
    ? text('checker.starttlsRefused', { reply: `${probe.refused.code} ${probe.refused.text}`.trim() })
    : (probe.errorText ?? (probe.error ? text('text.plain', { text: probe.error }) : text('checker.handshakeIncomplete')));
  return { ok: false, error: english(why), errorText: why };
}

export async function gatherFacts(domain: string, deps: GatherDeps): Promise<CheckerFacts> {
  const mxLookup = await deps.lookup(domain, 'MX');
  const plan = planMxHosts(domain, mxLookup, () => 0.5);
  const hosts: MxFacts[] = [];
  if (plan.ok) for (const candidate of plan.hosts) hosts.push(await probeHost(candidate.host, candidate.preference, deps));

  const stsLookup = await deps.lookup(`_mta-sts.${domain}`, 'TXT');
  const mtaSts: CheckerFacts['mtaSts'] = { txt: dnsFact(stsLookup), texts: txtRecords(stsLookup) };
  // As a sender, the checker fetches a policy only when a TXT record announces one (RFC 8461 §3.3).
  if (mtaSts.texts.length > 0) {
    const policyHost = `mta-sts.${domain}`;
    const policyAddress = firstAddress(await deps.lookup(policyHost, 'A'));
    const policyPort = policyAddress ? deps.route(policyAddress, 443) : undefined;
    mtaSts.fetch =
      policyPort !== undefined
        ? await deps.fetchPolicy(domain, policyPort)
        : { ok: false, tlsrptResult: 'sts-policy-fetch-error', rule: 'RFC 8461 §3.3', ...said(policyAddress ? text('checker.policyUnreachable', { url: `https://${policyHost}/.well-known/mta-sts.txt`, address: policyAddress }) : text('checker.policyNoAddress', { url: `https://${policyHost}/.well-known/mta-sts.txt`, host: policyHost })), policyHost };
  }

  const rptLookup = await deps.lookup(`_smtp._tls.${domain}`, 'TXT');
  return {
    domain,
    now: deps.now(),
    mx: dnsFact(mxLookup),
    plan,
    hosts,
    mtaSts,
    tlsRpt: { txt: dnsFact(rptLookup), texts: txtRecords(rptLookup) },
    senderAuth: await gatherAuthFacts(domain, (name, type) => deps.lookup(name, type), dnsFact),
  };
}
