// RFC 8460 §3: the `_smtp._tls.<domain>` TXT record.
//   tlsrpt-record  = tlsrpt-version 1*(field-delim tlsrpt-field) [field-delim]
//   tlsrpt-version = %s"v=TLSRPTv1"
//   tlsrpt-rua     = %s"rua=" tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri)
// URIs MUST encode "," "!" and ";", so ";" only ever separates fields.
import { describeChar, joinTxtStrings } from '../record-fields.ts';

export const TLSRPT_TXT_RULE = 'RFC 8460 §3';

export type RuaDestination = { scheme: 'mailto'; address: string; uri: string } | { scheme: 'https'; url: string; uri: string };

export type TlsRptTxtResult =
  | { ok: true; rua: RuaDestination[]; extensions: Record<string, string>; record: string; rule: string }
  | { ok: false; kind: 'no-record' | 'several-records' | 'invalid'; production?: string; error: string; rule: string };

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const EXT_VALUE = /^[\x21-\x3a\x3c\x3e-\x7e]+$/;

export function parseTlsRptRecord(record: string | readonly string[]): TlsRptTxtResult {
  const text = joinTxtStrings(record);
  const invalid = (production: string, error: string): TlsRptTxtResult => ({ ok: false, kind: 'invalid', production, error, rule: TLSRPT_TXT_RULE });
  if (!text.startsWith('v=TLSRPTv1')) return invalid('tlsrpt-version', 'the record must begin with "v=TLSRPTv1" (case-sensitive)');
  const rest = text.slice('v=TLSRPTv1'.length);
  if (!/^[ \t]*;/.test(rest)) return invalid('field-delim', 'expected ";" after "v=TLSRPTv1"');
  const pieces = rest.replace(/^[ \t]*;[ \t]*/, '').split(/[ \t]*;[ \t]*/);
  if (pieces.length > 0 && pieces[pieces.length - 1] === '') pieces.pop();
  if (pieces.length === 0) return invalid('tlsrpt-record', 'the record has no field after the version; rua is required');

  let rua: RuaDestination[] | undefined;
  const extensions: Record<string, string> = {};
  for (const piece of pieces) {
    const eq = piece.indexOf('=');
    const name = eq === -1 ? piece : piece.slice(0, eq);
    const value = eq === -1 ? '' : piece.slice(eq + 1);
    if (eq === -1 || !NAME.test(name)) return invalid('tlsrpt-ext-name', `"${piece}" is not a field: name=value, the name a letter or digit then up to 31 of letters, digits, "_", "-", "."`);
    if (name === 'rua') {
      const parsed = parseRua(value);
      if (typeof parsed === 'string') return invalid('tlsrpt-rua', parsed);
      rua ??= parsed;
      continue;
    }
    const bad = /[^\x21-\x3a\x3c\x3e-\x7e]/.exec(value);
    if (!EXT_VALUE.test(value)) return invalid('tlsrpt-ext-value', `the value of "${name}" ${bad ? `contains ${describeChar(bad[0])}` : 'is empty'}`);
    if (!(name in extensions)) extensions[name] = value;
  }
  if (!rua) return invalid('tlsrpt-rua', 'the record has no rua field; rua is required');
  return { ok: true, rua, extensions, record: text, rule: TLSRPT_TXT_RULE };
}

/** Records not beginning with "v=TLSRPTv1;" are discarded; not exactly one left means no TLS-RPT. */
export function selectTlsRptRecord(records: readonly (string | readonly string[])[]): TlsRptTxtResult {
  const candidates = records.map(joinTxtStrings).filter((text) => /^v=TLSRPTv1[ \t]*;/.test(text));
  if (candidates.length === 0) return { ok: false, kind: 'no-record', error: 'no TXT record begins with "v=TLSRPTv1;": the domain asks for no TLS reports', rule: TLSRPT_TXT_RULE };
  if (candidates.length > 1) {
    return { ok: false, kind: 'several-records', error: `${candidates.length} TXT records begin with "v=TLSRPTv1;": not exactly one, so the domain is treated as not implementing TLS-RPT`, rule: TLSRPT_TXT_RULE };
  }
  return parseTlsRptRecord(candidates[0]);
}

function parseRua(value: string): RuaDestination[] | string {
  const uris = value.split(/[ \t]*,[ \t]*/);
  const out: RuaDestination[] = [];
  for (const uri of uris) {
    if (uri.length === 0) return 'rua holds an empty URI';
    if (/[\s!]/.test(uri)) return `the URI "${uri}" contains a space or "!"; such characters MUST be percent-encoded`;
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      return `"${uri}" is not a URI`;
    }
    if (url.protocol === 'mailto:') {
      const address = decodeURIComponent(url.pathname);
      if (!/^[^@\s]+@[^@\s]+$/.test(address)) return `"${uri}" does not hold a mail address`;
      out.push({ scheme: 'mailto', address, uri });
    } else if (url.protocol === 'https:') {
      out.push({ scheme: 'https', url: url.href, uri });
    } else {
      return `"${uri}" uses ${url.protocol.slice(0, -1)}; reports go to mailto: or https: URIs only`;
    }
  }
  return out;
}
