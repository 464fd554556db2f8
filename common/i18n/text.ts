// Sentences the engine writes for people, as values: a catalogue key and its parameters, rendered
// in the reader's language where it is shown (the UI, the CLI, logs in English). Protocol bytes,
// host names, record data and RFC citations are parameters and stay as they are.
import type { Locale } from './locale.ts';
import { en, type EngineKey } from './en.ts';
import { ja } from './ja.ts';

export type { EngineKey, Locale };

/** A parameter: verbatim text or a number, a nested sentence, or a list of them (joined per language). */
export type TextParam = string | number | Text | readonly TextParam[];

export interface Text {
  key: EngineKey;
  params?: Readonly<Record<string, TextParam>>;
}

export const catalogues: Record<Locale, Record<EngineKey, string>> = { en, ja };

export function text(key: EngineKey, params?: Record<string, TextParam>): Text {
  return params ? { key, params } : { key };
}

export function isText(value: unknown): value is Text {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as { key?: unknown; params?: unknown };
  return typeof v.key === 'string' && Object.hasOwn(en, v.key) && (v.params === undefined || (typeof v.params === 'object' && v.params !== null));
}

function renderParam(locale: Locale, value: TextParam): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((v) => renderParam(locale, v)).join(catalogues[locale]['text.listSep']);
  return renderText(locale, value as Text);
}

/** The sentence in `locale`, placeholders `{name}` filled in; an unknown key shows as itself. */
export function renderText(locale: Locale, value: Text | string): string {
  if (typeof value === 'string') return value;
  const template = catalogues[locale][value.key] ?? value.key;
  const params = value.params;
  if (!params) return template;
  let out = '';
  let last = 0;
  // Japanese sets no space between two Japanese words. A template keeps one beside a placeholder
  // for a host name ("mx.example.jp が"); it goes when a nested sentence put there is Japanese at
  // that end ("あなたの端末が"). Verbatim values (data, names) keep every space.
  let japaneseEnd = false;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    let literal = template.slice(last, match.index);
    if (japaneseEnd && SPACE_THEN_JAPANESE.test(literal)) literal = literal.slice(1);
    last = match.index + match[0].length;
    const name = match[1];
    if (!Object.hasOwn(params, name)) {
      out += literal + match[0];
      japaneseEnd = false;
      continue;
    }
    const param = params[name];
    const rendered = renderParam(locale, param);
    const sentence = locale === 'ja' && typeof param === 'object' && !Array.isArray(param);
    if (sentence && JAPANESE_CHAR.test(rendered.charAt(0)) && JAPANESE_THEN_SPACE.test(out + literal)) literal = literal.slice(0, -1);
    out += literal + rendered;
    japaneseEnd = sentence && JAPANESE_CHAR.test(rendered.charAt(rendered.length - 1));
  }
  let tail = template.slice(last);
  if (japaneseEnd && SPACE_THEN_JAPANESE.test(tail)) tail = tail.slice(1);
  return out + tail;
}

const JAPANESE_CHAR = /[\u3040-\u30ff\u3400-\u9fff]/;
const SPACE_THEN_JAPANESE = /^ [\u3040-\u30ff\u3400-\u9fff]/;
const JAPANESE_THEN_SPACE = /[\u3040-\u30ff\u3400-\u9fff] $/;

/** English, for logs, string fields kept beside the Text and existing tests. */
export const english = (value: Text | string): string => renderText('en', value);

/** A reason as the engine records it: the English sentence and the Text it came from. */
export function said(value: Text): { reason: string; reasonText: Text } {
  return { reason: english(value), reasonText: value };
}

/** A message as the engine records it: the English sentence and the Text it came from. */
export function told(value: Text): { message: string; messageText: Text } {
  return { message: english(value), messageText: value };
}

/** The Text of a message when it has one, else its (English) string kept verbatim. */
export function messageOf(value: { message: string; messageText?: Text | undefined }): Text | string {
  return value.messageText ?? value.message;
}

/** The Text of a reason when it has one, else its (English) string kept verbatim. */
export function reasonOf(value: { reason: string; reasonText?: Text | undefined }): Text | string {
  return value.reasonText ?? value.reason;
}

/** The placeholders a template uses, sorted, e.g. ["host", "rule"]. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}

/** Lines of verbatim text and sentences (a notice, CLI output), rendered in `locale` and joined. */
export function renderLines(locale: Locale, lines: readonly (string | Text)[]): string {
  return lines.map((line) => renderText(locale, line)).join('\n');
}

/** The reason fields of a record, to carry into the next one: the English string and its Text when it has one. */
export function reasonPart(value: { reason: string; reasonText?: Text | undefined }): { reason: string; reasonText?: Text } {
  return value.reasonText ? { reason: value.reason, reasonText: value.reasonText } : { reason: value.reason };
}
