// The facts the matrix rule needs, read from one run: its outcome (common/sender.ts SendOutcome)
// and its trace. Also the trace row a cell's reason quotes.
import type { SendOutcome } from '../../common/sender.ts';
import { policyDetail } from '../../common/trace-details.ts';
import type { TraceEvent } from '../../common/trace.ts';
import type { CellFacts } from './cell-rule.ts';
import type { MatrixWhy } from '../../common/matrix.ts';
import type { AttackSpec } from './matrix-spec.ts';

const attackAction = (e: TraceEvent): string | null => (e.layer === 'attack' && typeof e.detail?.action === 'string' ? e.detail.action : null);

function lastIndex<T>(list: readonly T[], match: (item: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (match(list[i])) return i;
  return -1;
}

/** Events after the attacker came on: the set-up's earlier delivery is not part of the attack. */
function underAttack(trace: readonly TraceEvent[]): TraceEvent[] {
  const on = lastIndex(trace, (e) => attackAction(e) === 'on');
  return on < 0 ? [] : trace.slice(on);
}

export function cellFacts(spec: AttackSpec, outcome: SendOutcome, trace: readonly TraceEvent[]): CellFacts {
  const attacked = underAttack(trace);
  const acted = attacked.some((e) => spec.acts.includes(attackAction(e) as never));
  const cacheUsed = attacked.some((e) => {
    const d = policyDetail(e);
    return d?.decision === 'mta-sts-discovery' && d.verdict === 'use-cache';
  });
  return {
    passive: spec.passive,
    acted,
    delivered: outcome.delivered,
    attackerRead: outcome.attackerRead,
    tls: outcome.delivered && outcome.tls ? { version: outcome.tls.version, authenticationRequired: outcome.tls.authenticationRequired === true } : null,
    protectedByCachedPolicy: cacheUsed && (outcome.stoppedBy ?? '').startsWith('RFC 8461'),
  };
}

/** The row that shows what the clause says: the refusal, the attacker reading, the message stored. */
export function evidenceRow(why: MatrixWhy, outcome: SendOutcome, trace: readonly TraceEvent[]): TraceEvent | null {
  const attacked = underAttack(trace);
  const last = (match: (e: TraceEvent) => boolean) => attacked[lastIndex(attacked, match)] ?? null;
  switch (why) {
    case 'read':
      return last((e) => attackAction(e) === 'receive' || (attackAction(e) === 'learn' && e.detail?.what === 'message'));
    case 'refused':
    case 'first-contact':
      return last((e) => e.layer === 'policy' && e.rule === outcome.stoppedBy && policyDetail(e)?.decision !== 'result') ?? last((e) => policyDetail(e)?.decision === 'result');
    case 'not-affected':
      return last((e) => e.layer === 'mailbox') ?? last((e) => policyDetail(e)?.decision === 'result');
    default:
      return last((e) => e.layer === 'mailbox') ?? last((e) => policyDetail(e)?.decision === 'result');
  }
}
