// Whether a delivery's outcome (common/sender.ts SendOutcome) is what a scenario expects: only the
// fields the scenario names are compared, each mismatch named.
import type { SendOutcome } from '../../common/sender.ts';
import type { ScenarioExpect } from './scenario-schema.ts';

export interface OutcomeMismatch {
  field: string;
  expected: unknown;
  actual: unknown;
}

export function compareOutcome(expected: ScenarioExpect, outcome: SendOutcome): OutcomeMismatch[] {
  const out: OutcomeMismatch[] = [];
  const check = (field: string, want: unknown, got: unknown) => {
    if (want !== undefined && want !== got) out.push({ field, expected: want, actual: got });
  };
  check('delivered', expected.delivered, outcome.delivered);
  check('attackerRead', expected.attackerRead, outcome.attackerRead);
  check('stoppedBy', expected.stoppedBy, outcome.stoppedBy);
  if (expected.tls === null) check('tls', null, outcome.tls);
  else if (expected.tls) {
    if (!outcome.tls) out.push({ field: 'tls', expected: expected.tls, actual: null });
    else {
      check('tls.version', expected.tls.version, outcome.tls.version);
      check('tls.authenticated', expected.tls.authenticated, outcome.tls.authenticated);
    }
  }
  if (expected.downgrade === null) check('downgrade', null, outcome.downgrade);
  else if (expected.downgrade) {
    if (!outcome.downgrade) out.push({ field: 'downgrade', expected: expected.downgrade, actual: null });
    else {
      check('downgrade.stoppedBy', expected.downgrade.stoppedBy, outcome.downgrade.stoppedBy);
      check('downgrade.then', expected.downgrade.then, outcome.downgrade.then);
      check('downgrade.scsv', expected.downgrade.scsv, outcome.downgrade.scsv);
    }
  }
  if (expected.auth === null) check('auth', null, outcome.auth ?? null);
  else if (expected.auth) {
    if (!outcome.auth) out.push({ field: 'auth', expected: expected.auth, actual: null });
    else for (const word of ['spf', 'dkim', 'dmarc', 'arc'] as const) check(`auth.${word}`, expected.auth[word], outcome.auth[word] ?? null);
  }
  check('folder', expected.folder, outcome.folder ?? null);
  return out;
}
