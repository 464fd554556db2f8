// What the receiver does with a message once DMARC has spoken (RFC 7489 §6.6.2 "Determine
// Handling Policy", §6.7 "Policy Enforcement Considerations"): accept it, put it in the Junk
// folder (quarantine), or refuse it at the end of DATA (reject). A local policy may accept a
// message whose DMARC failed when a trusted intermediary's ARC chain vouches for the original
// result (RFC 8617 §7.2); the override is recorded (RFC 7489 §7.2, PolicyOverrideType).
import type { ArcCheck, AuthDisposition, DmarcCheck } from '../../../../common/auth.ts';
import { english, text, type Text } from '../../../../common/i18n/text.ts';

export interface DispositionPolicy {
  /** Apply p=quarantine and p=reject (OpenDMARC's RejectFailures); off: only report. */
  enforce: boolean;
  /** ARC sealers (d= of the newest ARC-Seal) trusted to vouch for the original result. */
  trustedArcSealers: readonly string[];
}

function decide(action: AuthDisposition['action'], rule: string, why: Text, override: AuthDisposition['override'] = null): AuthDisposition {
  return { action, rule, reason: english(why), reasonText: why, override };
}

/** Whether an ARC chain from a trusted sealer vouches that DMARC passed before it. */
function arcVouches(arc: ArcCheck | null, trusted: readonly string[]): boolean {
  if (!arc || arc.result !== 'pass' || !arc.sealer) return false;
  const sealer = arc.sealer.toLowerCase();
  if (!trusted.some((d) => d.toLowerCase() === sealer)) return false;
  return /\bdmarc=pass\b/i.test(arc.firstResults ?? '');
}

export function dmarcDisposition(dmarc: DmarcCheck | null, arc: ArcCheck | null, policy: DispositionPolicy): AuthDisposition {
  if (!dmarc) return decide('accept', 'RFC 7489 §6.6.2', text('auth.notChecked'));
  const domain = dmarc.fromDomain;
  if (dmarc.result === 'pass') return decide('accept', 'RFC 7489 §6.6.2', text('auth.dmarcPass', { domain }));
  if (dmarc.result === 'none') return decide('accept', 'RFC 7489 §6.6.3', text('auth.noRecord', { domain }));
  // A DNS failure: the policy cannot be known, so it is not applied (RFC 7489 §6.6.3 step 6).
  if (dmarc.result === 'temperror') return decide('accept', 'RFC 7489 §6.6.3', text('auth.temperror', { domain }));
  if (dmarc.result !== 'fail') return decide('accept', 'RFC 7489 §6.6.2', text('auth.otherResult', { domain, result: dmarc.result }));
  const requested = dmarc.policy ?? 'none';
  if (requested === 'none') return decide('accept', 'RFC 7489 §6.3 (p=none)', text('auth.policyNone', { domain }));
  if (!policy.enforce) return decide('accept', 'RFC 7489 §6.7', text('auth.reportOnly', { domain, policy: requested }), 'local_policy');
  if (arcVouches(arc, policy.trustedArcSealers)) {
    return decide('accept', 'RFC 8617 §7.2', text('auth.arcOverride', { domain, policy: requested, sealer: arc!.sealer! }), 'mailing_list');
  }
  if (requested === 'quarantine') return decide('quarantine', 'RFC 7489 §6.6.2 (p=quarantine)', text('auth.quarantine', { domain }));
  const refusal = decide('reject', 'RFC 7489 §6.6.2 (p=reject)', text('auth.reject', { domain }));
  // The reply text of the 550 (RFC 3463 5.7.1: delivery not authorized, message refused).
  return { ...refusal, reason: `5.7.1 ${refusal.reason}` };
}
