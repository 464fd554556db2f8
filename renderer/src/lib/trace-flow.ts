// Finding a connection's rows in the trace, e.g. from a delivery attempt that names its flow.
import type { TraceEvent } from '../../../common/trace.ts';

/** The seq of the first row of `flow` in `rows` (in seq order), or null when it has none. */
export function firstSeqOfFlow(rows: readonly Pick<TraceEvent, 'seq' | 'flow'>[], flow: string): number | null {
  for (const row of rows) if (row.flow === flow) return row.seq;
  return null;
}
