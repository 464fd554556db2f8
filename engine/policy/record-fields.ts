// The key=value TXT grammar RFC 8461 §3.1 (MTA-STS) and RFC 8460 §3 (TLS-RPT) share:
//   record      = version 1*(field-delim field) [field-delim]
//   field-delim = *WSP ";" *WSP
//   ext-name    = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")
//   ext-value   = 1*(%x21-3A / %x3C / %x3E-7E)      ; no "=", ";", SP or CTLs

export interface RecordField {
  name: string;
  value: string;
}

export type FieldsResult = { ok: true; fields: RecordField[] } | { ok: false; production: string; message: string };

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
      return { ok: false, production: 'field-delim', message: `expected ";" before "${clip(rest)}"` };
    }
    rest = rest.slice(delim[0].length);
    if (rest.length === 0) break;
    const name = NAME.exec(rest);
    if (!name) return { ok: false, production: 'ext-name', message: `"${clip(rest)}" does not start with a field name (a letter or digit, then up to 31 letters, digits, "_", "-", ".")` };
    rest = rest.slice(name[0].length);
    if (!rest.startsWith('=')) {
      return { ok: false, production: 'ext-name', message: `the field name "${name[0]}" must be followed by "=" (names are at most 32 characters)` };
    }
    rest = rest.slice(1);
    const end = rest.search(/[ \t;]/);
    const value = end === -1 ? rest : rest.slice(0, end);
    rest = end === -1 ? '' : rest.slice(end);
    const bad = /[^\x21-\x3a\x3c\x3e-\x7e]/.exec(value);
    if (value.length === 0) return { ok: false, production: 'ext-value', message: `the field "${name[0]}" has an empty value` };
    if (bad) {
      return { ok: false, production: 'ext-value', message: `the value of "${name[0]}" contains ${describeChar(bad[0])}, which a value may not hold` };
    }
    fields.push({ name: name[0], value });
  }
  if (fields.length === 0) return { ok: false, production: 'record', message: 'the record has no field after the version' };
  return { ok: true, fields };
}

/** A DNS TXT record is one or more character-strings, read as if concatenated without spaces. */
export function joinTxtStrings(record: string | readonly string[]): string {
  return typeof record === 'string' ? record : record.join('');
}

export function describeChar(ch: string): string {
  if (ch === ' ') return 'a space';
  if (ch === '\t') return 'a tab';
  if (ch === '=') return 'an "="';
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `the control character 0x${code.toString(16).padStart(2, '0')}`;
  if (code > 0x7e) return `the non-ASCII character "${ch}" (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
  return `"${ch}"`;
}

function clip(text: string): string {
  return text.length > 24 ? `${text.slice(0, 24)}...` : text;
}
