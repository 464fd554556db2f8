// Which flows of a trace an export takes: the named ones, or those a node took part in after a
// given seq (the connections of one delivery in a lab that carries on with other traffic).

import type { TraceEvent } from '../../common/trace.ts';

export interface CaptureQuery {
  /** These flows only. */
  flows?: readonly string[];
  /** Only flows with an event after this seq. */
  since?: number;
  /** Only flows whose link starts or ends at this node. */
  node?: string;
}

const FLOW = /^[A-Za-z0-9_-]{1,32}$/;
const MAX_FLOWS = 10_000;

/** The query in GET /api/capture's parameters (flows=f1,f6 since=SEQ node=NAME); a string says what is wrong. */
export function parseCaptureQuery(params: URLSearchParams): CaptureQuery | string {
  const query: CaptureQuery = {};
  const flows = params.get('flows');
  if (flows !== null) {
    const list = flows.split(',').filter(Boolean);
    if (list.length > MAX_FLOWS || !list.every((f) => FLOW.test(f))) return 'flows must be a comma-separated list of flow ids';
    query.flows = list;
  }
  const since = params.get('since');
  if (since !== null) {
    if (!/^\d{1,15}$/.test(since)) return 'since must be a trace seq (a number)';
    query.since = Number(since);
  }
  const node = params.get('node');
  if (node !== null) {
    if (!/^[A-Za-z0-9.:-]{1,253}$/.test(node)) return 'node must be a lab node name';
    query.node = node;
  }
  return query;
}

/** The flows the query picks, or undefined for every flow. */
export function selectFlows(events: readonly TraceEvent[], query: CaptureQuery): string[] | undefined {
  if (query.since === undefined && query.node === undefined) return query.flows ? [...query.flows] : undefined;
  const named = query.flows ? new Set(query.flows) : null;
  const picked = new Set<string>();
  for (const e of events) {
    if (query.since !== undefined && e.seq <= query.since) continue;
    if (query.node !== undefined && e.link.from !== query.node && e.link.to !== query.node) continue;
    if (named && !named.has(e.flow)) continue;
    picked.add(e.flow);
  }
  return [...picked];
}
