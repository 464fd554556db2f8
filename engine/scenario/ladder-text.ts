// The trace as a text ladder for a terminal: one row per event, time, the hop with an arrow in
// the direction the bytes went, the layer, and the summary; attacker rows and rules stand out.
import { isText, renderText, text, type Locale, type Text } from '../../common/i18n/text.ts';
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
 * The row's sentence as its emitter wrote it: a Text wherever the lab has words for the row (a
 * connection opened, a TLS record, a message stored, an attack, a decision); rows that are the
 * bytes themselves (an SMTP command or reply, a DNS question) as they went.
 */
export function summaryText(event: TraceEvent): Text | string {
  const d = event.detail;
  if (!d) return event.summary;
  if (isText(d.summaryText)) return d.summaryText;
  if (event.layer === 'policy' && isText(d.reasonText) && event.rule) return text('ladder.ruleReason', { rule: event.rule, reason: d.reasonText });
  return event.summary;
}

/** The row's sentence in `locale`; English is the summary the row was written with. */
export function summaryIn(event: TraceEvent, locale: Locale): string {
  return locale === 'en' ? event.summary : renderText(locale, summaryText(event));
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
