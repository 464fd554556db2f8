// The key=value TXT grammar RFC 8461 §3.1 (MTA-STS) and RFC 8460 §3 (TLS-RPT) share:
//   record      = version 1*(field-delim field) [field-delim]
//   field-delim = *WSP ";" *WSP
//   ext-name    = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")
//   ext-value   = 1*(%x21-3A / %x3C / %x3E-7E)      ; no "=", ";", SP or CTLs
import { english, told, text, type Text } from '../../common/i18n/text.ts';

export interface RecordField {
  name: string;
  value: string;
}

export type FieldsResult = { ok: true; fields: RecordField[] } | { ok: false; production: string; message: string; messageText: Text };

const DELIM = /^[ \t]*;[ \t]*/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}/;

/**
 * Splits what follows the version tag into fields. Values are read as far as the delimiter;
 * the caller checks known fields against their own productions.
 */
export function splitRecordFields(afterVersion: string): FieldsResult {
  const fields: RecordField[] = [];
  let rest = afterVersion;
  while (rest.length > 0) {
    const delim = DELIM.exec(rest);
    if (!delim) {
      return { ok: false, production: 'field-delim', ...told(text('fields.expectedDelim', { rest: clip(rest) })) };
    }
    rest = rest.slice(delim[0].length);
    if (rest.length === 0) break;
    const name = NAME.exec(rest);
    if (!name) return { ok: false, production: 'ext-name', ...told(text('fields.noName', { rest: clip(rest) })) };
    rest = rest.slice(name[0].length);
    if (!rest.startsWith('=')) {
      return { ok: false, production: 'ext-name', ...told(text('fields.noEquals', { name: name[0] })) };
    }
    rest = rest.slice(1);
    const end = rest.search(/[ \t;]/);
    const value = end === -1 ? rest : rest.slice(0, end);
    rest = end === -1 ? '' : rest.slice(end);
    const bad = /[^\x21-\x3a\x3c\x3e-\x7e]/.exec(value);
    if (value.length === 0) return { ok: false, production: 'ext-value', ...told(text('fields.emptyValue', { name: name[0] })) };
    if (bad) {
      return { ok: false, production: 'ext-value', ...told(text('fields.badValue', { name: name[0], char: charText(bad[0]) })) };
    }
    fields.push({ name: name[0], value });
  }
  if (fields.length === 0) return { ok: false, production: 'record', ...told(text('fields.none')) };
  return { ok: true, fields };
}

/** A DNS TXT record is one or more character-strings, read as if concatenated without spaces. */
export function joinTxtStrings(record: string | readonly string[]): string {
  return typeof record === 'string' ? record : record.join('');
}

export function describeChar(ch: string): string {
  return english(charText(ch));
}

/** A character as a sentence names it: "a space", "the control character 0x01", '"é" (U+00E9)'. */
export function charText(ch: string): Text {
  if (ch === ' ') return text('char.space');
  if (ch === '\t') return text('char.tab');
  if (ch === '=') return text('char.equals');
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return text('char.control', { code: code.toString(16).padStart(2, '0') });
  if (code > 0x7e) return text('char.nonAscii', { char: ch, code: code.toString(16).toUpperCase().padStart(4, '0') });
  return text('char.quoted', { char: ch });
}

function clip(text: string): string {
  return text.length > 24 ? `${text.slice(0, 24)}...` : text;
}
