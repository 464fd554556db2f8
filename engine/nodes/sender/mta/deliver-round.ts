// One round of delivery attempts for a queued message (RFC 5321 §5.1, §4.5.4): resolve the MX
// hosts, try each in order under the sender's policy, and say for every recipient whether it was
// delivered, bounced, or stays queued. Each decision goes into the trace as it is made.
import { reasonOf, said, text, type Text } from '../../../../common/i18n/text.ts';
import type { DeliveryAttempt, SendRequest, TlsSummary } from '../../../../common/sender.ts';
import type { LookupResult } from '../../../dns/resolver/stub-resolver.ts';
import { LAB_ADDRESSES } from '../../../dns/zone/lab-zones.ts';
import { daneRequirement, type DaneRequirement } from '../../../policy/dane/decision.ts';
import type { DnssecStatus, TlsRptResultType } from '../../../policy/decision.ts';
import { mtaStsMxCheck } from '../../../policy/mta-sts/verdict.ts';
import type { MtaStsPolicy } from '../../../policy/mta-sts/policy-file.ts';
import { noPolicyFound, outcomeOf, stsPolicy, tlsaPolicy, type TlsRptPolicy } from '../../../policy/tlsrpt/aggregator.ts';
import { connectToHost } from './host-connection.ts';
import { firstAddress, tlsaRecords } from './lookup-values.ts';
import { planMxHosts } from './mx-hosts.ts';
import { PolicyTrace, type PolicyNote } from './policy-trace.ts';
import type { SenderProfile } from './sender-profile.ts';

export const SENDER_ADDRESS = LAB_ADDRESSES['mail.sender.example'];

import type { DeliveryDeps } from './delivery-deps.ts';

export type { DeliveryDeps, Resolver } from './delivery-deps.ts';

export interface RoundInput {
  id: string;
  request: SendRequest;
  profile: SenderProfile;
  message: Buffer;
  /** The message is a TLS-RPT report: its SMTP sessions are not counted for the next report (RFC 8460 §3). */
  uncounted?: boolean;
}

export interface RecipientFinal {
  recipient: string;
  outcome: 'delivered' | 'deferred' | 'bounced';
  status: string;
  rule: string;
  reason: string;
  reasonText?: Text;
}

export interface RoundResult {
  recipients: RecipientFinal[];
  attempts: DeliveryAttempt[];
}

function dnssecOf(result: LookupResult): DnssecStatus {
  if (result.status === 'unchecked') return 'insecure';
  return result.status;
}

/** A reason and its Text, as carried from one record to the next. */
function because(why: { reason: string; reasonText?: Text | undefined }): { reason: string; reasonText?: Text } {
  return why.reasonText ? { reason: why.reason, reasonText: why.reasonText } : { reason: why.reason };
}

export async function deliveryRound(input: RoundInput, deps: DeliveryDeps): Promise<RoundResult> {
  const { request, profile } = input;
  const domain = (request.to[0].split('@')[1] ?? '').toLowerCase();
  const trace = new PolicyTrace(deps.trace, deps.nextFlow(), { messageId: input.id, policy: profile.policy, domain });
  const note = (n: PolicyNote) => trace.emit(n);
  const resolver = deps.resolver(profile.validateDnssec);
  const attempts: DeliveryAttempt[] = [];
  const attempt = (a: Omit<DeliveryAttempt, 'at'>) => attempts.push({ at: new Date(deps.now()).toISOString(), ...a });
  // The reason goes into the report in English (failure-reason-code) and stays beside it as a Text.
  const count = (policy: TlsRptPolicy, mxHost: string, address: string, tlsrptResult?: TlsRptResultType, why: { reason: string; reasonText?: Text | undefined } = { reason: '' }) => {
    if (input.uncounted) return;
    deps.tlsrpt.record(outcomeOf({ ...(tlsrptResult ? { tlsrptResult } : {}), ...because(why) }, policy, { sendingMtaIp: SENDER_ADDRESS, receivingMxHostname: mxHost, receivingIp: address }, deps.now()));
  };
  const all = (outcome: RecipientFinal['outcome'], status: string, rule: string, why: { reason: string; reasonText?: Text }): RoundResult => ({
    recipients: request.to.map((recipient) => ({ recipient, outcome, status, rule, ...because(why) })),
    attempts,
  });

  note({ decision: 'mx', rule: profile.validateDnssec ? 'RFC 4035 §4.3' : 'RFC 5321 §5.1', reasonText: text(profile.validateDnssec ? 'round.startDnssec' : 'round.startNoDnssec', { id: input.id, domain, policy: profile.policy }) });

  let sts: MtaStsPolicy | null = null;
  if (profile.mtaSts) {
    const prepared = await deps.mtaSts.prepare(domain, { lookupTxt: (name) => resolver.lookup(name, 'TXT'), fetch: (d) => deps.fetchPolicy(d, resolver), now: deps.now, note });
    sts = prepared.policy && prepared.policy.mode !== 'none' ? prepared.policy : null;
    if (prepared.tlsrptResult) count({ type: 'sts', domain, strings: prepared.policy?.lines ?? [], mxHost: prepared.policy?.mx ?? [] }, domain, '', prepared.tlsrptResult, said(text('round.stsUnusable')));
  }

  const mxLookup = await resolver.lookup(domain, 'MX');
  const plan = planMxHosts(domain, mxLookup);
  note({ decision: 'mx', rule: plan.rule, ...because(plan), verdict: plan.ok ? 'try-hosts' : plan.outcome, extra: { dnssec: mxLookup.status } });
  if (!plan.ok) {
    attempt({ mxHost: domain, address: null, flow: null, tls: null, downgrade: null, result: plan.outcome, ...because(plan), rule: plan.rule });
    if (profile.dane && mxLookup.status === 'bogus') count(noPolicyFound(domain), domain, '', 'dnssec-invalid', plan);
    return all(plan.outcome, plan.status, plan.rule, plan);
  }

  const pending = new Set(request.to);
  const finals = new Map<string, RecipientFinal>();
  let last: { rule: string; reason: string; reasonText?: Text; status: string } = { rule: 'RFC 5321 §5.1', ...said(text('round.unreachable', { domain })), status: '4.4.1' };
  let requireTlsBounce: { rule: string; reason: string; reasonText?: Text; status: string } | undefined;

  for (const [index, candidate] of plan.hosts.entries()) {
    if (pending.size === 0) break;
    const host = candidate.host;
    const moreMx = index < plan.hosts.length - 1;
    // An attempt says what became of the message at this host: with no MX after it, it stays queued.
    const skip = (rule: string, why: { reason: string; reasonText?: Text }, address: string | null = null) => {
      last = { rule, ...because(why), status: '4.4.1' };
      attempt({ mxHost: host, address, flow: null, tls: null, downgrade: null, result: moreMx ? 'try-next-mx' : 'deferred', ...because(why), rule });
    };

    if (sts) {
      const check = mtaStsMxCheck(sts, domain, host);
      note({ decision: 'mta-sts-mx', rule: check.rule, ...because(check), verdict: check.verdict, mxHost: host });
      if (check.verdict === 'try-next-mx' || check.verdict === 'defer') {
        count(stsPolicy(domain, sts), host, '', check.tlsrptResult, check);
        if (!request.tlsRequiredNo) {
          skip(check.rule, check);
          continue;
        }
      }
    }

    const aLookup = await resolver.lookup(host, 'A');
    const address = firstAddress(aLookup);
    let dane: DaneRequirement | undefined;
    if (profile.dane) {
      const tlsaLookup = dnssecOf(mxLookup) === 'secure' && dnssecOf(aLookup) === 'secure' ? await resolver.lookup(`_25._tcp.${host}`, 'TLSA') : undefined;
      dane = daneRequirement(
        { nextHopDomain: domain, mxHost: host },
        { mx: dnssecOf(mxLookup), mxSigned: mxLookup.rrsigs.length > 0, address: dnssecOf(aLookup), ...(tlsaLookup ? { tlsa: { status: dnssecOf(tlsaLookup), records: tlsaRecords(tlsaLookup) } } : {}) },
        { mandatory: profile.daneMandatory },
      );
      note({ decision: 'dane', rule: dane.rule, ...because(dane), verdict: dane.verdict, mxHost: host, extra: { mode: dane.mode } });
      if (dane.verdict === 'defer') {
        count(noPolicyFound(domain), host, address ?? '', dane.tlsrptResult, dane);
        attempt({ mxHost: host, address: address ?? null, flow: null, tls: null, downgrade: null, result: 'deferred', ...because(dane), rule: dane.rule });
        return all('deferred', '4.7.5', dane.rule, dane);
      }
      if (dane.verdict === 'try-next-mx') {
        count(dane.records.length ? tlsaPolicy(domain, host, dane.records) : noPolicyFound(domain), host, address ?? '', dane.tlsrptResult, dane);
        skip(dane.rule, dane, address ?? null);
        continue;
      }
    }
    if (aLookup.status === 'bogus' || !address) {
      const reason = said(aLookup.status === 'bogus' ? text('round.addressBogus', { host, why: aLookup.reasonText ?? aLookup.reason }) : text('round.noAddress', { host, rcode: aLookup.rcode }));
      const rule = aLookup.status === 'bogus' ? 'RFC 4035 §5.5' : 'RFC 5321 §5.1';
      note({ decision: 'address', rule, ...reason, verdict: 'try-next-mx', mxHost: host });
      skip(rule, reason);
      continue;
    }
    const route = deps.route(address, 25);
    if (!route) {
      const reason = said(text('round.refused', { address }));
      note({ decision: 'route', rule: 'RFC 5321 §5.1', ...reason, verdict: 'try-next-mx', mxHost: host });
      skip('RFC 5321 §5.1', reason, address);
      continue;
    }

    const mxNamedBy = profile.validateDnssec && mxLookup.status === 'secure' ? 'dnssec' : sts ? 'mta-sts' : 'insecure';
    const tlsrptPolicy = dane && (dane.mode === 'authenticate' || dane.mode === 'tls-required') ? tlsaPolicy(domain, host, dane.records) : sts ? stsPolicy(domain, sts) : noPolicyFound(domain);
    const { result, policy, flow, downgrade } = await connectToHost(deps, trace, {
      host,
      route,
      profile,
      requirements: {
        mxHost: host,
        policyDomain: domain,
        ...(dane ? { dane } : {}),
        ...(sts ? { sts } : {}),
        tlsRequiredNo: request.tlsRequiredNo === true,
        requireTls: request.requireTls === true,
        mxNamedBy,
        moreMx,
        level: profile.level,
        now: deps.now,
        note,
      },
      envelope: { from: request.from, to: [...pending], message: input.message, serverName: dane?.sni ?? host },
    });

    const decision = policy.decision;
    count(tlsrptPolicy, host, address, decision?.tlsrptResult ?? (result.tlsError && !result.tls && policy.tlsMandatory ? 'validation-failure' : undefined), decision ?? { reason: result.tlsError ?? '' });
    const tls: TlsSummary | null = result.tls ? { version: result.tls.version, cipher: result.tls.cipher, authenticated: policy.authenticated, authenticationRequired: policy.authenticationRequired, ...(policy.authenticationRequiredBy ? { authenticationRequiredBy: policy.authenticationRequiredBy } : {}) } : null;
    if (policy.requireTlsBounce) requireTlsBounce = policy.requireTlsBounce;

    const beforeMail = ['greeting', 'ehlo', 'starttls', 'tls'].includes(result.stage) || !!result.error;
    for (const r of result.recipients) {
      if (r.outcome === 'delivered') {
        finals.set(r.recipient, { recipient: r.recipient, outcome: 'delivered', status: r.enhancedStatus ?? '2.0.0', rule: r.rule, ...because(r) });
        pending.delete(r.recipient);
      } else if (r.outcome === 'bounced') {
        finals.set(r.recipient, { recipient: r.recipient, outcome: 'bounced', status: r.enhancedStatus ?? '5.0.0', rule: r.rule, ...because(r) });
        pending.delete(r.recipient);
      } else if (!beforeMail && r.code !== undefined) {
        // A 4xx from the server about this message: queue it rather than try another MX now.
        finals.set(r.recipient, { recipient: r.recipient, outcome: 'deferred', status: r.enhancedStatus ?? '4.0.0', rule: r.rule, ...because(r) });
        pending.delete(r.recipient);
      } else {
        last = { rule: r.rule, ...because(r), status: r.enhancedStatus ?? '4.4.1' };
      }
    }
    const delivered = result.recipients.some((r) => r.outcome === 'delivered');
    const bounced = result.recipients.every((r) => r.outcome === 'bounced');
    // A policy refusal explains the attempt better than the session error it caused (e.g. the reset handshake).
    const refusal = decision && (decision.verdict === 'try-next-mx' || decision.verdict === 'defer') ? { rule: decision.rule, ...because(decision) } : undefined;
    if (refusal) last = { ...refusal, status: '4.7.5' };
    const first: { rule: string; reason: string; reasonText?: Text } | undefined = refusal ?? result.recipients.find((r) => r.outcome !== 'delivered') ?? result.recipients[0];
    const accepted = delivered ? result.recipients.find((r) => r.outcome === 'delivered')! : undefined;
    attempt({
      mxHost: host,
      address,
      flow,
      tls,
      downgrade,
      // REQUIRETLS lost on the last MX bounces what is left (RFC 8689 §4.2.1), here and not at a next MX.
      result: delivered ? 'delivered' : bounced || (pending.size > 0 && policy.requireTlsBounce) ? 'bounced' : pending.size > 0 && moreMx ? 'try-next-mx' : 'deferred',
      ...(accepted ? said(text('round.accepted', { host: route.host, reason: reasonOf(accepted) })) : because(first ?? last)),
      rule: delivered ? 'RFC 5321 §4.1.1.4' : (first?.rule ?? last.rule),
    });
  }

  for (const recipient of pending) {
    if (requireTlsBounce) finals.set(recipient, { recipient, outcome: 'bounced', ...requireTlsBounce });
    else finals.set(recipient, { recipient, outcome: 'deferred', ...last });
  }
  const recipients = request.to.map((recipient) => finals.get(recipient)!);
  for (const r of recipients) note({ decision: 'result', rule: r.rule, reasonText: text('round.result', { recipient: r.recipient, outcome: text(`state.${r.outcome}`), status: r.status, reason: reasonOf(r) }), verdict: r.outcome });
  return { recipients, attempts };
}
