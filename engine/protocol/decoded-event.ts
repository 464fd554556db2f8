import type { TraceEvent } from '../../common/trace.ts';

/** What a sans-IO decoder produces for one connection; the network adds flow and link. */
export type DecodedEvent = Pick<TraceEvent, 'layer' | 'dir' | 'raw' | 'summary' | 'visibility' | 'rule'> & {
  detail: Record<string, unknown>;
};

export type WireDir = 'c2s' | 's2c';

/** Raw bytes kept in a trace row are capped; the row says how many were left out. */
export const MAX_RAW_BYTES = 1 << 20;

export function rawOf(bytes: Buffer): string {
  return (bytes.length > MAX_RAW_BYTES ? bytes.subarray(0, MAX_RAW_BYTES) : bytes).toString('base64');
}
