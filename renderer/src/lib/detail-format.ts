// A decoded `detail` object (plain JSON, layer specific) as rows a learner can read.
import { english, isText, type Text } from '../../../common/i18n/text.ts';

export interface DetailRow {
  /** Dotted path, e.g. "offered.versions" or "lines[2]". */
  key: string;
  value: string;
  /** Nesting depth, for indentation. */
  depth: number;
}

const MAX_VALUE = 2000;

function scalar(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE)}…` : value;
  return String(value);
}

function isScalar(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

/** Sentences the engine wrote as Texts: one, or a list of them (a row's notes). */
const isTextList = (value: unknown): value is Text[] => Array.isArray(value) && value.length > 0 && value.every(isText);
const isSentence = (value: unknown): boolean => isText(value) || isTextList(value);

/**
 * Flattens nested objects into key/value rows. Arrays of scalars become one comma-separated
 * value; arrays of objects get one group per element. Stops after `maxRows` rows. A sentence the
 * engine wrote as a Text is one row, rendered by `render` (in the UI's language); it stands in
 * for the English string beside it ("reasonText" is shown as "reason"). A list of Texts stands in
 * for the English list beside it ("notesText" for "notes"), a row per sentence when there are several.
 */
export function flattenDetail(detail: Record<string, unknown> | undefined, maxRows = 500, render: (value: Text) => string = english): DetailRow[] {
  const rows: DetailRow[] = [];
  const walk = (value: unknown, key: string, depth: number) => {
    if (rows.length >= maxRows) return;
    if (isText(value)) {
      rows.push({ key, value: scalar(render(value)), depth });
    } else if (isTextList(value)) {
      if (value.length === 1) rows.push({ key, value: scalar(render(value[0])), depth });
      else {
        rows.push({ key, value: '', depth });
        value.forEach((item, i) => walk(item, `[${i}]`, depth + 1));
      }
    } else if (isScalar(value)) {
      rows.push({ key, value: scalar(value), depth });
    } else if (Array.isArray(value)) {
      if (value.every(isScalar)) rows.push({ key, value: value.length ? value.map(scalar).join(', ') : '—', depth });
      else {
        rows.push({ key, value: '', depth });
        value.forEach((item, i) => walk(item, `[${i}]`, depth + 1));
      }
    } else if (typeof value === 'object') {
      const object = value as Record<string, unknown>;
      const entries = Object.entries(object).filter(([k]) => !isSentence(object[`${k}Text`]));
      if (key !== '') rows.push({ key, value: entries.length ? '' : '—', depth });
      for (const [k, v] of entries) walk(v, isSentence(v) && k.endsWith('Text') && k.length > 4 ? k.slice(0, -4) : k, key === '' ? depth : depth + 1);
    }
  };
  if (detail) walk(detail, '', 0);
  if (rows.length >= maxRows) rows.push({ key: '…', value: '', depth: 0 });
  return rows;
}

/** Milliseconds since the lab started, as "12.345 s". */
export function formatLabTime(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}
