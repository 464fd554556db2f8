// The trace as a text ladder for a terminal: one row per event, time, the hop with an arrow in
// the direction the bytes went, the layer, and the summary; attacker rows and rules stand out.
import type { TraceEvent } from '../../common/trace.ts';

const WIDTH = 44;

function hop(event: TraceEvent): string {
  const { from, to, port } = event.link;
  const target = port ? `${to}:${port}` : to;
  if (event.dir === 'c2s') return `${from} ──▶ ${target}`;
  if (event.dir === 's2c') return `${from} ◀── ${target}`;
  return from === to ? from : `${from} ··· ${target}`;
}

export function ladderLine(event: TraceEvent): string {
  const time = (event.t / 1000).toFixed(3).padStart(8);
  const mark = event.layer === 'attack' ? '!!' : event.visibility === 'encrypted' ? '~~' : '  ';
  const rule = event.rule ? `  [${event.rule}]` : '';
  return `${time} ${mark} ${hop(event).padEnd(WIDTH)} ${event.layer.padEnd(7)} ${event.summary}${rule}`;
}

export function ladderText(events: TraceEvent[]): string {
  return events.map(ladderLine).join('\n');
}
