// Reading an event's decoded `detail` (plain JSON from the engine) for the row text builders.
import type { MessageKey, MessageParams } from './i18n/index.ts';

export type Translate = (key: MessageKey, params?: MessageParams) => string;

export type Detail = Record<string, unknown>;

/** Same rule as the engine: a row keeps the start of a long text. */
export function clip(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export const str = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));
export const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
export const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(str) : []);
export const isObject = (value: unknown): value is Detail => typeof value === 'object' && value !== null && !Array.isArray(value);

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
