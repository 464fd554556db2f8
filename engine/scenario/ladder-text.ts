// The trace as a text ladder for a terminal: one row per event, time, the hop with an arrow in
// the direction the bytes went, the layer, and the summary; attacker rows and rules stand out.
import { isText, renderText, type Locale } from '../../common/i18n/text.ts';
import type { TraceEvent } from '../../common/trace.ts';

const WIDTH = 44;

function hop(event: TraceEvent): string {
  const { from, to, port } = event.link;
  const target = port ? `${to}:${port}` : to;
  if (event.dir === 'c2s') return `${from} ──▶ ${target}`;
  if (event.dir === 's2c') return `${from} ◀── ${target}`;
  return from === to ? from : `${from} ··· ${target}`;
}

/**
 * The row's sentence in `locale` where its emitter wrote it as a Text (attack rows, notes, policy
 * decisions); protocol rows (commands, replies, records) are shown as they went.
 */
function summaryIn(event: TraceEvent, locale: Locale): string {
  const d = event.detail;
  if (locale === 'en' || !d) return event.summary;
  if (isText(d.summaryText)) return renderText(locale, d.summaryText);
  if (event.layer === 'policy' && isText(d.reasonText) && event.rule) return `${event.rule}: ${renderText(locale, d.reasonText)}`;
  return event.summary;
}

export function ladderLine(event: TraceEvent, locale: Locale = 'en'): string {
  const time = (event.t / 1000).toFixed(3).padStart(8);
  const mark = event.layer === 'attack' ? '!!' : event.visibility === 'encrypted' ? '~~' : '  ';
  const rule = event.rule ? `  [${event.rule}]` : '';
  return `${time} ${mark} ${hop(event).padEnd(WIDTH)} ${event.layer.padEnd(7)} ${summaryIn(event, locale)}${rule}`;
}

export function ladderText(events: TraceEvent[], locale: Locale = 'en'): string {
  return events.map((event) => ladderLine(event, locale)).join('\n');
}
