// How the matrix names its rows, columns and symbols on screen.
import type { MatrixResult } from '../../../common/matrix.ts';

/** A piece of a label that is never broken, and whether a space came before it. */
export interface LabelPart {
  text: string;
  spaced: boolean;
}

/**
 * A label cut where a line may break: only before a bracketed qualifier ("MTA-STS" / "(enforce)",
 * "受信サーバーのなりすまし" / "（DNS）"), so a narrow column never cuts a word.
 */
export function labelParts(label: string): LabelPart[] {
  return label
    .split(/(?=[(（])/)
    .map((piece, i, pieces) => ({ text: piece.trim(), spaced: i > 0 && /\s$/.test(pieces[i - 1]) }))
    .filter((part) => part.text.length > 0);
}

/** The colour of each symbol: safe, safe but not complete, not safe, not affected. */
export const RESULT_COLOR: Record<MatrixResult, string> = { '○': 'var(--ok)', '△': 'var(--warn)', '×': 'var(--danger)', '-': 'var(--muted)' };
