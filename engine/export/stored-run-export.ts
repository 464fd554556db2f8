// A kept run (engine/matrix/run-store.ts) as pcapng with lab addresses, with the key log kept
// with it: `smtp-lab matrix show RUN --pcap --keylog` and the Matrix tab's export of a cell's run.
import type { StoredRun } from '../../common/matrix.ts';
import { KeyLogBook } from './key-log.ts';
import { exportTrace, type TraceExport } from './trace-export.ts';

export function storedRunExport(run: StoredRun): TraceExport {
  const keys = new KeyLogBook();
  for (const line of (run.keylog ?? '').split('\n')) keys.add(line);
  return exportTrace(run.trace, { epochMs: run.epochMs ?? 0, keys });
}
