// RFC 8461 §3.1: the `_mta-sts.<domain>` TXT record.
//   sts-text-record = sts-version 1*(sts-field-delim sts-field) [sts-field-delim]
//   sts-version     = %s"v=STSv1"
//   sts-id          = %s"id=" 1*32(ALPHA / DIGIT)
import { describeChar, joinTxtStrings, splitRecordFields } from '../record-fields.ts';

export const STS_TXT_RULE = 'RFC 8461 §3.1';

export type StsTxtResult =
  | { ok: true; id: string; extensions: Record<string, string>; record: string; rule: string }
  | { ok: false; kind: 'no-record' | 'several-records' | 'invalid'; production?: string; error: string; rule: string };

const ID = /^[A-Za-z0-9]{1,32}$/;

/** Parses one record (its strings joined). */
export function parseStsTxtRecord(record: string | readonly string[]): StsTxtResult {
  const text = joinTxtStrings(record);
  const invalid = (production: string, error: string): StsTxtResult => ({ ok: false, kind: 'invalid', production, error, rule: STS_TXT_RULE });
  const nonAscii = /[^\x00-\x7f]/.exec(text);
  if (nonAscii) return invalid('sts-text-record', `the record must be US-ASCII; it contains ${describeChar(nonAscii[0])}`);
  if (!text.startsWith('v=STSv1')) return invalid('sts-version', 'the record must begin with "v=STSv1" (case-sensitive)');
  const split = splitRecordFields(text.slice('v=STSv1'.length));
  if (!split.ok) return invalid(`sts-${split.production}`.replace('sts-record', 'sts-text-record'), split.message);

  let id: string | undefined;
  const extensions: Record<string, string> = {};
  for (const field of split.fields) {
    if (field.name === 'id') {
      if (!ID.test(field.value)) {
        const what = field.value.length > 32 ? `is ${field.value.length} characters long` : 'holds characters other than letters and digits';
        return invalid('sts-id', `the id "${field.value}" ${what}; an id is 1 to 32 letters and digits`);
      }
      // A repeated field: all but the first SHALL be ignored (RFC 8461 §3.2, which covers TXT records too).
      id ??= field.value;
    } else if (!(field.name in extensions)) {
      extensions[field.name] = field.value;
    }
  }
  if (id === undefined) {
    const near = split.fields.find((f) => f.name.toLowerCase() === 'id');
    const hint = near ? ` ("${near.name}" is not "id": field names are case-sensitive)` : '';
    return invalid('sts-id', `the record has no id field; id is required${hint}`);
  }
  return { ok: true, id, extensions, record: text, rule: STS_TXT_RULE };
}

/**
 * Picks the record among all TXT records at `_mta-sts.<domain>`: records not beginning with
 * "v=STSv1;" are discarded; not exactly one left, or that one invalid, means no policy.
 * "v=STSv1 ;" counts as beginning a record: the ABNF allows WSP before ";" (erratum 6285).
 */
export function selectStsTxtRecord(records: readonly (string | readonly string[])[]): StsTxtResult {
  const candidates = records.map(joinTxtStrings).filter((text) => /^v=STSv1[ \t]*;/.test(text));
  if (candidates.length === 0) {
    return { ok: false, kind: 'no-record', error: 'no TXT record begins with "v=STSv1;": the domain has no MTA-STS policy', rule: STS_TXT_RULE };
  }
  if (candidates.length > 1) {
    return {
      ok: false,
      kind: 'several-records',
      error: `${candidates.length} TXT records begin with "v=STSv1;": not exactly one, so the sender must assume no MTA-STS policy`,
      rule: STS_TXT_RULE,
    };
  }
  return parseStsTxtRecord(candidates[0]);
}
