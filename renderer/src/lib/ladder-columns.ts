// How the ladder's column headers fit their width: the nodes' full names when they fit on one line,
// else their short names, and past that a minimum column width with the ladder scrolling sideways.
// A name or an address is never broken inside: a header is one line of name, one of address.

/** What a column header says: the node's names and its lab address. */
export interface ColumnLabel {
  id: string;
  full: string;
  short: string;
  address: string;
}

/**
 * The fewest leading labels of each name that start no other name: "mx" for mx.example.jp,
 * "mail.sender" beside mail.attacker.example. A name that is a prefix of another stays whole.
 */
export function shortNames(names: readonly string[]): Map<string, string> {
  const split = [...new Set(names)].map((name) => name.split('.'));
  const startsWith = (labels: string[], prefix: string[]) => prefix.every((label, i) => labels[i] === label);
  const short = new Map<string, string>();
  for (const labels of split) {
    const others = split.filter((other) => other !== labels);
    let take = 1;
    while (take < labels.length && others.some((other) => startsWith(other, labels.slice(0, take)))) take++;
    short.set(labels.join('.'), labels.slice(0, take).join('.'));
  }
  return short;
}

/** Widths in pixels of a column's texts on one line, each with the room its box needs around it. */
export interface LabelWidths {
  full: number;
  short: number;
  address: number;
}

export interface ColumnFit {
  /** Width of every column: they stay equal so the rows' geometry holds. */
  columnWidth: number;
  /** The columns are wider together than the ladder: it scrolls sideways. */
  scrolls: boolean;
  /** Every column shows its short name: one full name would not fit (a mix of both reads as different kinds of name). */
  short: boolean;
}

/** Columns share the width; none gets narrower than its widest short name or address. */
export function fitColumns(available: number, widths: readonly LabelWidths[]): ColumnFit {
  const count = Math.max(widths.length, 1);
  const minimum = Math.max(0, ...widths.map((w) => Math.max(w.short, w.address)));
  const shared = available / count;
  const columnWidth = Math.max(shared, minimum);
  return {
    columnWidth,
    scrolls: columnWidth > shared + 0.5,
    short: widths.some((w) => w.full > columnWidth),
  };
}

/** The columns' width together when wider than the pane (the ladder scrolls sideways; else 0), and the share of it in view. */
export interface LaneWidth {
  width: number;
  inView: number;
}
