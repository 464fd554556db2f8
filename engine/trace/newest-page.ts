// One page of an append-only list, newest last: walking back from `end`, as many items as fit in
// maxBytes (at least one, so an item larger than a page is still reachable) and limit.

export interface PageLimits {
  /** Estimated bytes of JSON a page may hold. */
  maxBytes: number;
  /** Items a page may hold. */
  limit: number;
}

/** The index range [start, end) of the page that ends right before `end`. */
export function newestPage(sizes: (index: number) => number, end: number, floor: number, limits: PageLimits): { start: number; end: number } {
  let start = end;
  let bytes = 0;
  while (start > floor && end - start < limits.limit) {
    const size = sizes(start - 1);
    if (start < end && bytes + size > limits.maxBytes) break;
    bytes += size;
    start--;
  }
  return { start, end };
}
