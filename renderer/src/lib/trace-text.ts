// Small readings of a trace event shared by the ladder and the detail panel.
import type { TraceEvent } from '../../../common/trace.ts';

/** Length in bytes of base64 data without decoding it. */
export function base64ByteLength(base64: string | undefined): number {
  if (!base64) return 0;
  const clean = base64.replace(/\s+/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - padding);
}

/** An eavesdropper on the link sees encrypted rows as opaque records, nothing of their meaning. */
export function hiddenFromEavesdropper(event: Pick<TraceEvent, 'visibility' | 'dir'>): boolean {
  return event.visibility === 'encrypted' && event.dir !== 'none';
}
