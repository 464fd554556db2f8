// Small helpers the row text builders share: the translate function's type, clipping, and the
// parts of an engine summary around a marker (protocol text the detail does not repeat).
import type { MessageKey, MessageParams } from './i18n/index.ts';

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Same rule as the engine: a row keeps the start of a long text. */
export function clip(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Text of `summary` after the first `marker`, or '' when it is not there. */
export function after(summary: string, marker: string): string {
  const at = summary.indexOf(marker);
  return at < 0 ? '' : summary.slice(at + marker.length);
}

/** Text of `summary` before the first `marker`, or the whole summary. */
export function before(summary: string, marker: string): string {
  const at = summary.indexOf(marker);
  return at < 0 ? summary : summary.slice(0, at);
}
