// RFC 8460 §3: the `_smtp._tls.<domain>` TXT record.
//   tlsrpt-record  = tlsrpt-version 1*(field-delim tlsrpt-field) [field-delim]
//   tlsrpt-version = %s"v=TLSRPTv1"
//   tlsrpt-rua     = %s"rua=" tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri)
// URIs MUST encode "," "!" and ";", so ";" only ever separates fields.
import { text, type Text } from '../../../common/i18n/text.ts';
import { errorOf } from '../mta-sts/txt-record.ts';
import { charText, joinTxtStrings } from '../record-fields.ts';

export const TLSRPT_TXT_RULE = 'RFC 8460 §3';

export type RuaDestination = { scheme: 'mailto'; address: string; uri: string } | { scheme: 'https'; url: string; uri: string };

export type TlsRptTxtResult =
  | { ok: true; rua: RuaDestination[]; extensions: Record<string, string>; record: string; rule: string }
  | { ok: false; kind: 'no-record' | 'several-records' | 'invalid'; production?: string; error: string; errorText?: Text; rule: string };

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const EXT_VALUE = /^[\x21-\x3a\x3c\x3e-\x7e]+$/;

export function parseTlsRptRecord(record: string | readonly string[]): TlsRptTxtResult {
  const joined = joinTxtStrings(record);
  const invalid = (production: string, error: Text): TlsRptTxtResult => ({ ok: false, kind: 'invalid', production, ...errorOf(error), rule: TLSRPT_TXT_RULE });
  if (!joined.startsWith('v=TLSRPTv1')) return invalid('tlsrpt-version', text('rptTxt.noVersion'));
  const rest = joined.slice('v=TLSRPTv1'.length);
  if (!/^[ \t]*;/.test(rest)) return invalid('field-delim', text('rptTxt.noDelim'));
  const pieces = rest.replace(/^[ \t]*;[ \t]*/, '').split(/[ \t]*;[ \t]*/);
  if (pieces.length > 0 && pieces[pieces.length - 1] === '') pieces.pop();
  if (pieces.length === 0) return invalid('tlsrpt-record', text('rptTxt.noField'));

  let rua: RuaDestination[] | undefined;
  const extensions: Record<string, string> = {};
  for (const piece of pieces) {
    const eq = piece.indexOf('=');
    const name = eq === -1 ? piece : piece.slice(0, eq);
    const value = eq === -1 ? '' : piece.slice(eq + 1);
    if (eq === -1 || !NAME.test(name)) return invalid('tlsrpt-ext-name', text('rptTxt.notField', { piece }));
    if (name === 'rua') {
      const parsed = parseRua(value);
      if (!Array.isArray(parsed)) return invalid('tlsrpt-rua', parsed);
      rua ??= parsed;
      continue;
    }
    const bad = /[^\x21-\x3a\x3c\x3e-\x7e]/.exec(value);
    if (!EXT_VALUE.test(value)) return invalid('tlsrpt-ext-value', bad ? text('rptTxt.badValue', { name, char: charText(bad[0]) }) : text('rptTxt.emptyValue', { name }));
    if (!(name in extensions)) extensions[name] = value;
  }
  if (!rua) return invalid('tlsrpt-rua', text('rptTxt.noRua'));
  return { ok: true, rua, extensions, record: joined, rule: TLSRPT_TXT_RULE };
}

/** Records not beginning with "v=TLSRPTv1;" are discarded; not exactly one left means no TLS-RPT. */
export function selectTlsRptRecord(records: readonly (string | readonly string[])[]): TlsRptTxtResult {
  const candidates = records.map(joinTxtStrings).filter((text) => /^v=TLSRPTv1[ \t]*;/.test(text));
  if (candidates.length === 0) return { ok: false, kind: 'no-record', ...errorOf(text('rptTxt.noRecord')), rule: TLSRPT_TXT_RULE };
  if (candidates.length > 1) {
    return { ok: false, kind: 'several-records', ...errorOf(text('rptTxt.several', { count: candidates.length })), rule: TLSRPT_TXT_RULE };
  }
  return parseTlsRptRecord(candidates[0]);
}

function parseRua(value: string): RuaDestination[] | Text {
  const uris = value.split(/[ \t]*,[ \t]*/);
  const out: RuaDestination[] = [];
  for (const uri of uris) {
    if (uri.length === 0) return text('rua.emptyUri');
    if (/[\s!]/.test(uri)) return text('rua.unencoded', { uri });
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      return text('rua.notUri', { uri });
    }
    if (url.protocol === 'mailto:') {
      const address = decodeURIComponent(url.pathname);
      if (!/^[^@\s]+@[^@\s]+$/.test(address)) return text('rua.noAddress', { uri });
      out.push({ scheme: 'mailto', address, uri });
    } else if (url.protocol === 'https:') {
      out.push({ scheme: 'https', url: url.href, uri });
    } else {
      return text('rua.scheme', { uri, scheme: url.protocol.slice(0, -1) });
    }
  }
  return out;
}
