// English sentences of the attack matrix and of two runs compared (engine/matrix, engine/scenario
// compare-runs.ts, toggle.ts): the legend, the rule, each cell's reason, the headline of a
// comparison, and why a toggle or a run was refused. Symbols, ids and toggles stay as they are.

export const matrix = {
  // engine/matrix/matrix-text.ts (docs/matrix.md says the same)
  'matrixText.legend': '○ safe · △ safe but not complete · × not safe · - not affected',
  'matrixText.ruleNone': '-  the attack found nothing to act on in the run (no STARTTLS to strip, no handshake to cut or answer);',
  'matrixText.ruleUnsafe':
    '×  the attacker read the message or its own MTA received it; or it was delivered in plaintext; or over TLS that no policy\n   in force required to be authenticated (may, encrypt, MTA-STS testing) while an active attacker sat on the path;',
  'matrixText.rulePartial': '△  neither read nor received, but delivered over TLS 1.0/1.1, or refused only thanks to an MTA-STS policy cached at an earlier contact;',
  'matrixText.ruleSafe': '○  otherwise: delivered over authenticated TLS 1.2+, a passive attacker saw only ciphertext, or the sender refused (a deferred message is safe).',
  'matrixText.ran': '{runs} runs in {ms} ms',
  'matrixText.why': "Why, cell by cell ({command} opens a run's trace):",
  'matrixText.runLab': 'run {run} · lab {lab}',
  'matrixText.legendHead': 'Legend: {legend}',
  'matrixText.ruleHead': 'Rule:',
  'matrixText.secondRuns': 'Second runs:',
  'matrixText.cell': '{attack} × {defense}',
  'matrixText.cellVariant': '{attack} × {defense} ({variant})',
  'matrixText.cellReason': '{result} {cell}: {reason}',
  // engine/matrix/matrix-spec.ts: the second runs kept beside a cell
  'matrixVariant.self-signed': 'second run: a self-signed certificate',
  'matrixVariant.first-contact': 'second run: first contact, no policy cached',
  // engine/matrix/cell-rule.ts: the clause of the rule that decided a cell
  'matrixWhy.not-affected': 'Not affected: the attack found nothing to act on',
  'matrixWhy.read': 'Not safe: the attacker read the message, or its own MTA received it',
  'matrixWhy.plaintext': 'Not safe: the message went in plaintext past the attacker',
  'matrixWhy.unauthenticated': 'Not safe: TLS that no policy required to be authenticated, with an active attacker on the path',
  'matrixWhy.old-tls': 'Safe but not complete: not read, but sent over a TLS version deemed unsafe (1.0/1.1)',
  'matrixWhy.first-contact': 'Safe but not complete: refused only because an MTA-STS policy was cached at an earlier contact',
  'matrixWhy.ciphertext': 'Safe: the eavesdropper saw only ciphertext',
  'matrixWhy.authenticated': 'Safe: delivered over TLS 1.2 or later with a certificate the policy required to be authenticated',
  'matrixWhy.refused': 'Safe: the sender refused to deliver (a deferred message is safe)',
  // engine/matrix/run-matrix.ts
  'matrixCell.reason': '{why}. {evidence}',
  'matrixCell.reasonActsOn': '{why}: {actsOn}. {evidence}',
  'matrixCell.didNotRun': 'matrix cell {cell} did not run: {error}',
  'matrixCell.noDelivery': 'no delivery',
  // engine/api/matrix-api.ts
  'matrixApi.noRun': 'no run "{run}" to start from',
  'matrixApi.noScenario': 'no scenario "{scenario}" to start from (scenarios/{scenario}.yaml is missing or does not load)',
  // engine/scenario/toggle.ts
  'toggle.noLine': 'main.cf-=: the scenario has no line "{line}"',
  'toggle.form': 'a toggle is KEY=VALUE, main.cf+=LINE or main.cf-=LINE, not "{toggle}"',
  'toggle.notKey': '"{key}" is not a scenario key',
  'toggle.notMap': '{key}: {part} is not a map',
  'toggle.invalid': '{key}: {problem}',
  // engine/scenario/compare-runs.ts: what became of the message on each side, and where the runs part
  'compare.didNotRun': 'did not run',
  'compare.overTls': 'over {version}',
  'compare.inPlaintext': 'in plaintext',
  'compare.deliveredRead': 'delivered {tls}, and the attacker read it',
  'compare.taken': 'taken by the attacker',
  'compare.delivered': 'delivered {tls}',
  'compare.notDelivered': 'not delivered',
  'compare.notDeliveredBy': 'not delivered ({rule})',
  'compare.change': '{left} → {right}',
  'compare.same': 'With {toggle}, both runs took the same steps: {change}.',
  'compare.parts': 'With {toggle}, the runs part at the highlighted step: {change}.',
  'compare.partsWith': 'The runs part at the highlighted step; with {toggle}: {summary}. The message: {change}.',
  'compare.partsWithout': 'The runs part at the highlighted step; without {toggle}: {summary}. The message: {change}.',
  // engine/scenario/ladder-text.ts: a policy row told in the reader's language
  'ladder.ruleReason': '{rule}: {reason}',
} as const;
