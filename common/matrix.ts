// The attack matrix (`smtp-lab matrix`, the Matrix view) and two runs side by side (`smtp-lab run
// --compare`, the Compare view): shared by the engine, the CLI and the renderer.
import type { Text } from './i18n/text.ts';
import type { SendOutcome } from './sender.ts';
import type { TraceEvent } from './trace.ts';

/** The sender configurations, in the order of the columns. */
export const MATRIX_DEFENSES = ['none', 'starttls', 'mta-sts', 'dnssec', 'dane', 'mta-sts-testing', 'requiretls'] as const;
export type MatrixDefense = (typeof MATRIX_DEFENSES)[number];

/** The attacks, in the order of the rows. */
export const MATRIX_ATTACKS = ['eavesdrop', 'strip-starttls', 'tls-downgrade', 'fake-certificate', 'spoofed-receiver'] as const;
export type MatrixAttack = (typeof MATRIX_ATTACKS)[number];

/** The source material's legend: safe, safe but not complete, not safe, not affected. */
export type MatrixResult = '○' | '△' | '×' | '-';

/**
 * Which clause of the rule (docs/matrix.md) decided the cell:
 * - not-affected: the attack found nothing to act on (-)
 * - read: the attacker read the message, or its own MTA received it (×)
 * - plaintext: delivered in plaintext past the attacker (×)
 * - unauthenticated: delivered over TLS no policy required to be authenticated, with an active attacker on the path (×)
 * - old-tls: neither read nor received, but over TLS 1.0 or 1.1 (△)
 * - first-contact: refused only thanks to an MTA-STS policy cached at an earlier contact (△)
 * - ciphertext: a passive attacker saw only ciphertext (○)
 * - authenticated: delivered over authenticated TLS 1.2 or later (○)
 * - refused: not delivered: deferred or bounced, and not read (○)
 */
export type MatrixWhy = 'not-affected' | 'read' | 'plaintext' | 'unauthenticated' | 'old-tls' | 'first-contact' | 'ciphertext' | 'authenticated' | 'refused';

export interface MatrixCell {
  attack: MatrixAttack;
  defense: MatrixDefense;
  result: MatrixResult;
  /** One sentence: the clause of the rule and the trace row that decided it. */
  reason: string;
  /** The id of the stored run: `smtp-lab matrix show ID`, the Matrix view's cell. */
  run: string;
  why: MatrixWhy;
  /** The trace row the reason quotes (its seq in the run's trace), or null. */
  evidence: { seq: number; summary: string } | null;
  /** The guided lab that teaches this cell (labs/<id>/). */
  lab: string;
  /** A second run of the same cell with one thing changed (e.g. "self-signed", "first-contact"); absent for the main run. */
  variant?: string;
}

export interface MatrixReport {
  defenses: { id: MatrixDefense; label: string }[];
  attacks: { id: MatrixAttack; label: string }[];
  /** One per attack × defense, rows first. */
  cells: MatrixCell[];
  /** The second runs of some rows (the self-signed certificate, the first contact), same shape. */
  variants: MatrixCell[];
  /** Wall-clock milliseconds for every run of the matrix. */
  elapsedMs: number;
  /** How many labs ran. */
  runs: number;
}

/** A run kept for its trace: a matrix cell or one side of a comparison. */
export interface StoredRun {
  id: string;
  title: { en: string; ja: string };
  /** The scenario as run (engine/scenario/scenario-schema.ts), for a comparison to start from. */
  scenario: unknown;
  outcome: SendOutcome | null;
  trace: TraceEvent[];
  error?: string;
  /** The same error for the reader's language, when the engine said it as a Text. */
  errorText?: Text;
  /** The NSS key log lines of the run's TLS sessions, so that an export of the run decrypts. */
  keylog?: string;
  /** Wall-clock time (ms since 1970) the trace's t counts from. */
  epochMs?: number;
}

/** One row of two aligned traces: the same step on both sides, or a step only one side took. */
export interface AlignedStep {
  left: number | null;
  right: number | null;
  /** The steps' keys differ, or one side lacks the step. */
  same: boolean;
}

export interface RunComparison {
  toggle: string;
  left: StoredRun;
  right: StoredRun;
  /** Indices into left.trace / right.trace. */
  steps: AlignedStep[];
  /** The index in steps of the first difference, or null when both runs took the same steps. */
  firstDifference: number | null;
  /** The right run's decision row (a policy or attack row) that explains the difference, as an index into right.trace. */
  explanation: { side: 'left' | 'right'; index: number; summary: string } | null;
  /** One sentence: "with X, the sender stopped here, because ...". */
  headline: string;
  /** The same sentence for the reader's language. */
  headlineText?: Text;
}
