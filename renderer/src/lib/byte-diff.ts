// What an on-path attacker changed in a chunk: the bytes as they came in and as they went out,
// aligned so that only the bytes it removed, replaced or added are marked.

export interface ByteDiff {
  before: Uint8Array;
  after: Uint8Array;
  /** One flag per byte of `before`: removed or replaced by the attacker. */
  removed: boolean[];
  /** One flag per byte of `after`: added or replaced by the attacker. */
  added: boolean[];
}

/** Above this many cells (middle part of before × after) the alignment is not searched for. */
const MAX_CELLS = 1_000_000;

/**
 * Trims the common start and end; an equal-length middle is compared byte by byte (a rewrite
 * such as 250-STARTTLS -> 250-XXXXXXXA is a substitution), any other middle is aligned by its
 * longest common subsequence so inserted or dropped bytes do not mark everything after them.
 */
export function diffBytes(before: Uint8Array, after: Uint8Array): ByteDiff {
  const removed = new Array<boolean>(before.length).fill(false);
  const added = new Array<boolean>(after.length).fill(false);
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
    endB--;
    endA--;
  }
  const lenB = endB - start;
  const lenA = endA - start;
  if (lenB === lenA) {
    for (let i = start; i < endB; i++) if (before[i] !== after[i]) removed[i] = added[i] = true;
  } else if (lenB === 0 || lenA === 0 || lenB * lenA > MAX_CELLS) {
    removed.fill(true, start, endB);
    added.fill(true, start, endA);
  } else {
    const keep = commonSubsequence(before.subarray(start, endB), after.subarray(start, endA));
    for (let i = 0; i < lenB; i++) removed[start + i] = !keep.before[i];
    for (let j = 0; j < lenA; j++) added[start + j] = !keep.after[j];
  }
  return { before, after, removed, added };
}

/** Which bytes of each side belong to one longest common subsequence (dynamic programming). */
function commonSubsequence(a: Uint8Array, b: Uint8Array): { before: boolean[]; after: boolean[] } {
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] = a[i] === b[j] ? table[(i + 1) * width + j + 1] + 1 : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
    }
  }
  const keepA = new Array<boolean>(a.length).fill(false);
  const keepB = new Array<boolean>(b.length).fill(false);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      keepA[i++] = true;
      keepB[j++] = true;
    } else if (table[(i + 1) * width + j] >= table[i * width + j + 1]) i++;
    else j++;
  }
  return { before: keepA, after: keepB };
}

export interface DiffCell {
  /** Two hex digits. */
  hex: string;
  /** The byte as printable ASCII, or ".". */
  ascii: string;
  changed: boolean;
}

export interface DiffLine {
  /** Eight hex digits, as in the hex dump. */
  offset: string;
  cells: DiffCell[];
}

/** One side of a diff as hexdump lines of 16 bytes, each byte carrying its mark. */
export function diffLines(bytes: Uint8Array, marks: readonly boolean[], limit = Infinity): DiffLine[] {
  const end = Math.min(bytes.length, limit);
  const lines: DiffLine[] = [];
  for (let offset = 0; offset < end; offset += 16) {
    const cells: DiffCell[] = [];
    for (let i = offset; i < Math.min(offset + 16, end); i++) {
      const b = bytes[i];
      cells.push({ hex: b.toString(16).padStart(2, '0'), ascii: b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.', changed: marks[i] ?? false });
    }
    lines.push({ offset: offset.toString(16).padStart(8, '0'), cells });
  }
  return lines;
}

/** How many bytes are marked on each side. */
export function diffCounts(diff: ByteDiff): { removed: number; added: number } {
  const count = (marks: boolean[]) => marks.reduce((n, m) => n + (m ? 1 : 0), 0);
  return { removed: count(diff.removed), added: count(diff.added) };
}
