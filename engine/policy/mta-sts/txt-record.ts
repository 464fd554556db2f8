// RFC 8461 §3.1: the `_mta-sts.<domain>` TXT record.
//   sts-text-record = sts-version 1*(sts-field-delim sts-field) [sts-field-delim]
//   sts-version     = %s"v=STSv1"
//   sts-id          = %s"id=" 1*32(ALPHA / DIGIT)
import { told, text, type Text } from '../../../common/i18n/text.ts';
import { charText, joinTxtStrings, splitRecordFields } from '../record-fields.ts';

export const STS_TXT_RULE = 'RFC 8461 §3.1';

export type StsTxtResult =
  | { ok: true; id: string; extensions: Record<string, string>; record: string; rule: string }
  | { ok: false; kind: 'no-record' | 'several-records' | 'invalid'; production?: string; error: string; errorText?: Text; rule: string };

const ID = /^[A-Za-z0-9]{1,32}$/;

/** The error fields of a result: the English sentence and its Text. */
export function errorOf(value: Text): { error: string; errorText: Text } {
  const { message, messageText } = told(value);
  return { error: message, errorText: messageText };
}

/** Parses one record (its strings joined). */
export function parseStsTxtRecord(record: string | readonly string[]): StsTxtResult {
  const joined = joinTxtStrings(record);
  const invalid = (production: string, error: Text): StsTxtResult => ({ ok: false, kind: 'invalid', production, ...errorOf(error), rule: STS_TXT_RULE });
  const nonAscii = /[^\x00-\x7f]/.exec(joined);
  if (nonAscii) return invalid('sts-text-record', text('stsTxt.notAscii', { char: charText(nonAscii[0]) }));
  if (!joined.startsWith('v=STSv1')) return invalid('sts-version', text('stsTxt.noVersion'));
  const split = splitRecordFields(joined.slice('v=STSv1'.length));
  if (!split.ok) return invalid(`sts-${split.production}`.replace('sts-record', 'sts-text-record'), split.messageText);

  let id: string | undefined;
  const extensions: Record<string, string> = {};
  for (const field of split.fields) {
    if (field.name === 'id') {
      if (!ID.test(field.value)) {
        const problem = field.value.length > 32 ? text('stsTxt.idTooLong', { id: field.value, length: field.value.length }) : text('stsTxt.idChars', { id: field.value });
        return invalid('sts-id', problem);
      }
      // A repeated field: all but the first SHALL be ignored (RFC 8461 §3.2, which covers TXT records too).
      id ??= field.value;
    } else if (!(field.name in extensions)) {
      extensions[field.name] = field.value;
    }
  }
  if (id === undefined) {
    const near = split.fields.find((f) => f.name.toLowerCase() === 'id');
    return invalid('sts-id', near ? text('stsTxt.noIdCase', { name: near.name }) : text('stsTxt.noId'));
  }
  return { ok: true, id, extensions, record: joined, rule: STS_TXT_RULE };
}

/**
 * Picks the record among all TXT records at `_mta-sts.<domain>`: records not beginning with
 * "v=STSv1;" are discarded; not exactly one left, or that one invalid, means no policy.
 * "v=STSv1 ;" counts as beginning a record: the ABNF allows WSP before ";" (erratum 6285).
 */
export function selectStsTxtRecord(records: readonly (string | readonly string[])[]): StsTxtResult {
  const candidates = records.map(joinTxtStrings).filter((text) => /^v=STSv1[ \t]*;/.test(text));
  if (candidates.length === 0) {
    return { ok: false, kind: 'no-record', ...errorOf(text('stsTxt.noRecord')), rule: STS_TXT_RULE };
  }
  if (candidates.length > 1) {
    return {
      ok: false,
      kind: 'several-records',
      ...errorOf(text('stsTxt.several', { count: candidates.length })),
      rule: STS_TXT_RULE,
    };
  }
  return parseStsTxtRecord(candidates[0]);
}
