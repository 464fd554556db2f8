// How many rows a wrapping line of fixed-width items fills. The bottom tab bar asks it whether its
// tabs still fit in a few rows or must stand in one row that scrolls.

/** Rows that items of these widths fill, placed left to right with `gap` between them, within `available` pixels. */
export function wrappedRows(widths: readonly number[], gap: number, available: number): number {
  let rows = 0;
  let used = 0;
  for (const width of widths) {
    // Half a pixel of slack: layout widths are fractional and the browser rounds them.
    if (rows > 0 && used + gap + width <= available + 0.5) {
      used += gap + width;
    } else {
      rows++;
      used = width;
    }
  }
  return rows;
}
