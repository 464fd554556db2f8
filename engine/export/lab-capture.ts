// A running lab's capture: the TLS secrets its endpoints hand over, and its trace exported
// as pcapng with them.

import type { TraceEvent } from '../../common/trace.ts';
import type { CaptureReply } from '../../common/capture.ts';
import { selectFlows, type CaptureQuery } from './capture-query.ts';
import { clientRandoms, KeyLogBook } from './key-log.ts';
import { exportTrace, type TraceExport } from './trace-export.ts';

export interface CaptureService {
  /** One NSS key log line from a lab TLS endpoint (Node's 'keylog' event). */
  keylog(line: Buffer): void;
  /** The trace (the flows the query picks) as pcapng, with the key log of its TLS sessions. */
  export(query?: CaptureQuery): TraceExport;
  /** The seq of the newest event, for a later export `since` it. */
  lastSeq(): number;
  /** The key log of every TLS session in the trace, without building a capture. */
  keyLog(): string;
}

export function labCapture(trace: { all(): TraceEvent[]; readonly epochMs: number }): CaptureService {
  const keys = new KeyLogBook();
  return {
    keylog: (line) => keys.add(line),
    export(query = {}) {
      const events = trace.all();
      const flows = selectFlows(events, query);
      return exportTrace(events, { epochMs: trace.epochMs, keys, ...(flows ? { flows } : {}) });
    },
    lastSeq: () => trace.all().at(-1)?.seq ?? 0,
    keyLog: () => keys.text(clientRandoms(trace.all())),
  };
}

export function captureReply(exported: TraceExport): CaptureReply {
  const { pcapng, keylog, packets, tlsSessions, tlsSessionsWithKeys } = exported;
  return { pcapng: pcapng.toString('base64'), keylog, packets, tlsSessions, tlsSessionsWithKeys };
}
