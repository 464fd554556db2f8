// GET /api/capture?flows=f1,f6 | since=SEQ&node=NAME | head=1: the trace as pcapng with its TLS
// key log (common/capture.ts); head=1 answers only the newest seq, for an export of what follows.

import type { LabRuntime } from '../lab/lab-runtime.ts';
import { captureReply } from '../export/lab-capture.ts';
import { parseCaptureQuery } from '../export/capture-query.ts';

/** The reply body, a string for a malformed query, undefined when the lab has no capture. */
export function captureGet(lab: LabRuntime, params: URLSearchParams): unknown {
  if (!lab.capture) return undefined;
  if (params.get('head') === '1') return { lastSeq: lab.capture.lastSeq() };
  const query = parseCaptureQuery(params);
  if (typeof query === 'string') return query;
  return captureReply(lab.capture.export(query));
}
