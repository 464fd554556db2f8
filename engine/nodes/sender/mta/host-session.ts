// The sender's policy for one SMTP session with one MX host, as the sans-IO client session asks
// for it (engine/protocol/smtp-client SessionPolicy): STARTTLS or not, whether the TLS it got is
// good enough (DANE RFC 7672, MTA-STS RFC 8461, combined as RFC 8461 §2 says), and REQUIRETLS
// (RFC 8689) before MAIL FROM. Every answer is kept, so the delivery can count it for TLS-RPT.
import { reasonOf, said, text, type Text } from '../../../../common/i18n/text.ts';
import type { AuthenticationPolicy } from '../../../../common/sender.ts';
import { X509Certificate } from 'node:crypto';
import { certificateDnsIds } from '../../../policy/cert-names.ts';
import { daneVerdict, type DaneRequirement } from '../../../policy/dane/decision.ts';
import type { PkixStatus, PolicyDecision, TlsObservation } from '../../../policy/decision.ts';
import { mtaStsVerdict } from '../../../policy/mta-sts/verdict.ts';
import type { MtaStsPolicy } from '../../../policy/mta-sts/policy-file.ts';
import { requireTlsDecision } from '../../../policy/requiretls/decision.ts';
import { combineTransport, type TransportDecision } from '../../../policy/transport.ts';
import { tlsLevelVerdict, type MandatoryTlsLevel } from '../../../policy/tls-level.ts';
import type { SmtpLevel } from '../../../postconf/parameters.ts';
import type { AfterTlsChoice, BeforeMailChoice, BeforeMailInput, SessionPolicy, TlsChoice, TlsInfo, TlsPolicyInput } from '../../../protocol/smtp-client/types.ts';
import { pkixStatus } from '../mta-sts-fetch.ts';
import type { PolicyNote } from './policy-trace.ts';

export interface HostRequirements {
  mxHost: string;
  policyDomain: string;
  /** Cleartext only: the retry after a failed handshake under an opportunistic policy. */
  plaintextOnly: boolean;
  dane?: DaneRequirement;
  sts?: MtaStsPolicy;
  tlsRequiredNo: boolean;
  requireTls: boolean;
  /** How the MX name was obtained, for REQUIRETLS (RFC 8689 §4.2.1). */
  mxNamedBy: 'dnssec' | 'mta-sts' | 'insecure';
  moreMx: boolean;
  /** Postfix's smtp_tls_security_level (the named policies are may or dane); default may. */
  level?: SmtpLevel;
  now(): number;
  note(note: PolicyNote): void;
}

const NAME_MISMATCH = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH']);

/** The chain's PKIX result apart from the name, which the policies check themselves. */
export function chainPkix(info: TlsInfo): PkixStatus {
  if (info.authorizationError && NAME_MISMATCH.has(info.authorizationError)) return 'valid';
  return pkixStatus(info.authorizationError);
}

function leafNames(chain: readonly Uint8Array[]): string[] {
  try {
    return chain[0] ? certificateDnsIds(new X509Certificate(Buffer.from(chain[0]))) : [];
  } catch {
    return [];
  }
}

const failing = (d: PolicyDecision) => d.verdict === 'try-next-mx' || d.verdict === 'defer';
const MANDATORY_LEVELS: readonly SmtpLevel[] = ['encrypt', 'verify', 'secure'];

export class HostSessionPolicy implements SessionPolicy {
  /** The transport decision once made (before MAIL FROM, or at the refusal that ended the session). */
  decision?: TransportDecision;
  /** The certificate was authenticated, and how. */
  authenticated: 'pkix' | 'dane' | null = null;
  /** The decision that let the session go on rested on a policy that requires an authenticated certificate. */
  authenticationRequired = false;
  /** That policy, when one did. */
  authenticationRequiredBy: AuthenticationPolicy | null = null;
  /** The session quit because REQUIRETLS could not be met; bounce when no MX is left. */
  requireTlsBounce?: { rule: string; reason: string; reasonText: Text; status: string };

  constructor(private readonly host: HostRequirements) {}

  /**
   * The CA certificates (PEM) the TLS connection to this host trusts. Under DANE authentication
   * none: DANE-TA matches only certificates the server presents (RFC 7672 §3.1.2, RFC 7671
   * §5.2.2), and Node would otherwise fill the peer chain with the trusted lab CA even when the
   * server sent only its leaf (see peer-chain.ts). DANE then decides alone (RFC 8461 §2).
   */
  trustAnchors(trustStore: readonly string[]): readonly string[] {
    return this.daneAuthenticates ? [] : trustStore;
  }

  private get daneAuthenticates(): boolean {
    return this.host.dane?.mode === 'authenticate';
  }

  /** TLS is mandatory for this host: DANE with TLSA records, MTA-STS enforce, or REQUIRETLS. */
  get tlsMandatory(): boolean {
    const { dane, sts } = this.host;
    if (this.host.requireTls) return true;
    if (this.host.tlsRequiredNo) return false;
    return dane?.mode === 'authenticate' || dane?.mode === 'tls-required' || sts?.mode === 'enforce' || this.mandatoryLevel !== null;
  }

  /**
   * encrypt, verify or secure from main.cf. An MTA-STS enforce policy from the policy map takes
   * the level's place for its domain, as a Postfix policy table entry overrides
   * smtp_tls_security_level (postfix-mta-sts-resolver answers "secure match=...").
   */
  private get mandatoryLevel(): MandatoryTlsLevel | null {
    const level = this.host.level;
    if (!level || !MANDATORY_LEVELS.includes(level) || this.host.sts?.mode === 'enforce') return null;
    return level as MandatoryTlsLevel;
  }

  tls(input: TlsPolicyInput): TlsChoice {
    const { mxHost } = this.host;
    if (this.host.level === 'none' && !this.host.sts && !this.host.requireTls) {
      return { action: 'plaintext', rule: 'TLS_README: none', ...said(text('level.none', { host: mxHost })) };
    }
    if (this.host.plaintextOnly) {
      return { action: 'plaintext', rule: 'RFC 3207 §4.1', ...said(text('host.plaintextRetry', { host: mxHost })) };
    }
    if (input.extensions.starttls && !input.refused) return { action: 'starttls', rule: 'RFC 3207 §4', ...said(text('host.startTls', { host: mxHost })) };
    const why = input.refused ? text('host.refusedStarttls', { host: mxHost, code: input.refused.code, text: input.refused.text }) : text('host.noStarttls', { host: mxHost });
    const decision = this.judge(input.refused ? { starttlsOffered: true, starttlsRefused: input.refused } : { starttlsOffered: false });
    this.decision = decision;
    if (failing(decision)) return { action: 'quit', rule: decision.rule, ...said(text('host.because', { why, reason: reasonOf(decision) })), enhancedStatus: '4.7.5' };
    if (this.host.requireTls) {
      const quit = { rule: 'RFC 8689 §4.2.1', ...said(text('host.requireTlsQuit', { why })) };
      // RFC 8689 §4.2.1: with no MX left the message MUST NOT be sent, and a non-delivery notice MUST follow.
      if (!this.host.moreMx) this.requireTlsBounce = { ...quit, status: '5.7.10' };
      return { action: 'quit', ...quit, enhancedStatus: '5.7.10' };
    }
    return { action: 'plaintext', rule: decision.rule, ...said(text('host.because', { why, reason: reasonOf(decision) })) };
  }

  afterTls(info: TlsInfo): AfterTlsChoice {
    const decision = this.judge({ starttlsOffered: true, handshake: { ok: true, version: info.version } }, info);
    this.decision = decision;
    const reason = { reason: decision.reason, ...(decision.reasonText ? { reasonText: decision.reasonText } : {}) };
    if (failing(decision)) return { action: 'quit', rule: decision.rule, ...reason, enhancedStatus: '4.7.5' };
    this.authenticated = this.authenticationOf(decision, info);
    this.authenticationRequiredBy = this.requiresAuthentication(decision);
    this.authenticationRequired = this.authenticationRequiredBy !== null;
    return { action: 'continue', rule: decision.rule, ...reason };
  }

  beforeMail(input: BeforeMailInput): BeforeMailChoice {
    const tls: TlsObservation = { starttlsOffered: !!input.tls || input.extensions.starttls, ...(input.tls ? { handshake: { ok: true as const, version: input.tls.version } } : {}) };
    const choice = requireTlsDecision({
      requireTls: input.requireTls,
      mxNamedBy: this.host.mxNamedBy,
      tls,
      certVerifiedBy: this.authenticated ?? 'none',
      requireTlsOffered: input.extensions.requireTls,
      moreMx: this.host.moreMx,
    });
    if (choice.action === 'not-requested') return { action: 'send', requireTls: false };
    if (choice.action === 'send-with-requiretls') {
      this.host.note({ decision: 'requiretls', rule: choice.rule, reason: choice.reason, reasonText: choice.reasonText, verdict: choice.action, mxHost: this.host.mxHost });
      return { action: 'send', requireTls: true };
    }
    if (choice.action === 'bounce') {
      this.requireTlsBounce = { rule: choice.rule, reason: choice.reason, reasonText: choice.reasonText, status: choice.status ?? '5.7.10' };
      return { action: 'quit', outcome: 'bounced', rule: choice.rule, reason: choice.reason, reasonText: choice.reasonText, enhancedStatus: choice.status ?? '5.7.10' };
    }
    return { action: 'quit', outcome: 'deferred', rule: choice.rule, reason: choice.reason, reasonText: choice.reasonText };
  }

  /** A handshake that failed: what the policies say about going on without TLS on a new connection. */
  judgeFailedHandshake(error: string | Text): TransportDecision {
    const decision = this.judge({ starttlsOffered: true, handshake: { ok: false, error } });
    this.decision = decision;
    this.host.note({ decision: 'transport', rule: decision.rule, reason: decision.reason, ...(decision.reasonText ? { reasonText: decision.reasonText } : {}), verdict: decision.verdict, mxHost: this.host.mxHost, extra: { decidedBy: decision.decidedBy } });
    return decision;
  }

  private judge(tls: TlsObservation, info?: TlsInfo): TransportDecision {
    const { dane, sts, mxHost, policyDomain } = this.host;
    const chain = info?.peerChain ?? [];
    const daneDecision = dane ? daneVerdict(dane, { tls, chain, now: this.host.now() }) : undefined;
    // A connection that trusted no CA (DANE authentication) has no PKIX result for MTA-STS to judge.
    const pkixUnknown = !!info && this.daneAuthenticates;
    const stsDecision = sts && !pkixUnknown
      ? mtaStsVerdict({ policy: sts, policyDomain, mxHost, tls, ...(info ? { pkix: chainPkix(info), certNames: leafNames(chain) } : {}) })
      : undefined;
    const tlsRequiredNo = this.host.tlsRequiredNo && !this.host.requireTls;
    const decision = combineTransport({
      ...(dane && daneDecision ? { dane: { mode: dane.mode, decision: daneDecision } } : {}),
      ...(stsDecision ? { mtaSts: stsDecision } : {}),
      tlsRequiredNo,
    });
    const level = this.mandatoryLevel;
    if (!level || tlsRequiredNo) return decision;
    const levelDecision = tlsLevelVerdict({ level, mxHost, nextHop: policyDomain, tls, ...(info ? { pkix: chainPkix(info), certNames: leafNames(chain) } : {}) });
    if (failing(levelDecision) || !failing(decision)) return { ...levelDecision, decidedBy: 'tls-level' };
    return decision;
  }

  /**
   * DANE with usable TLSA records (RFC 7672 §2.2), an MTA-STS policy in enforce mode (RFC 8461 §5)
   * or smtp_tls_security_level verify/secure (TLS_README) refuse an unauthenticated peer; TLS-Required: No
   * (RFC 8689 §3), MTA-STS testing, encrypt and opportunistic TLS do not.
   */
  private requiresAuthentication(decision: TransportDecision): AuthenticationPolicy | null {
    if (decision.verdict !== 'deliver') return null;
    const dane = this.host.dane?.mode === 'authenticate' ? 'dane' : null;
    const sts = this.host.sts?.mode === 'enforce' ? 'mta-sts' : null;
    switch (decision.decidedBy) {
      case 'dane':
        return dane;
      case 'mta-sts':
        return sts;
      case 'both':
        return dane ?? sts;
      case 'tls-level': {
        const level = this.mandatoryLevel;
        return level === 'verify' || level === 'secure' ? level : null;
      }
      default:
        return null;
    }
  }

  private authenticationOf(decision: TransportDecision, info: TlsInfo): 'pkix' | 'dane' | null {
    if ((decision.decidedBy === 'dane' || decision.decidedBy === 'both') && this.host.dane?.mode === 'authenticate') return 'dane';
    const pkixOk = chainPkix(info) === 'valid' && info.authorized;
    return pkixOk ? 'pkix' : null;
  }
}
