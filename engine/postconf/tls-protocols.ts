// smtpd_tls_protocols and friends (postconf(5)): a list separated by whitespace, commas or colons
// of ">=version" and "<=version" bounds (Postfix 3.6+; a name or a hex number like 0303), or the
// older form of names to include ("TLSv1.2") and to exclude ("!TLSv1"). Empty means every
// protocol available. The result is the one contiguous range OpenSSL is given.
import type { SecureVersion } from 'node:tls';
import { text as t, told, type Text } from '../../common/i18n/text.ts';

export interface VersionRange {
  min: SecureVersion;
  max: SecureVersion;
}

/** Oldest first: what OpenSSL 3 in Node can still speak. */
export const TLS_VERSIONS: readonly SecureVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
const NAMES = ['SSLv2', 'SSLv3', ...TLS_VERSIONS] as const;
const HEX: Record<number, string> = { 0x0200: 'SSLv2', 0x0300: 'SSLv3', 0x0301: 'TLSv1', 0x0302: 'TLSv1.1', 0x0303: 'TLSv1.2', 0x0304: 'TLSv1.3' };

type Parsed = { ok: true; range: VersionRange } | { ok: false; message: string; messageText: Text };

function versionName(text: string, allowHex: boolean): string | { error: Text } {
  const named = NAMES.find((n) => n === text);
  if (named) return named;
  if (allowHex && /^(0x)?[0-9a-f]{3,4}$/i.test(text)) {
    const name = HEX[parseInt(text.replace(/^0x/i, ''), 16)];
    return name ?? { error: t('postconf.unknownVersion', { text }) };
  }
  return { error: t(allowHex ? 'postconf.notProtocolHex' : 'postconf.notProtocol', { text, names: [...NAMES] }) };
}

/** The range a value allows, or why it is refused. */
export function parseTlsProtocols(value: string): Parsed {
  const items = value.split(/[\s,:]+/).filter(Boolean);
  let lower = 0;
  let upper = NAMES.length - 1;
  const included = new Set<number>();
  const excluded = new Set<number>();
  for (const item of items) {
    const bound = /^(>=|<=)(.*)$/.exec(item);
    if (bound) {
      const name = versionName(bound[2], true);
      if (typeof name !== 'string') return { ok: false, ...told(name.error) };
      const at = NAMES.indexOf(name as (typeof NAMES)[number]);
      if (bound[1] === '>=') lower = Math.max(lower, at);
      else upper = Math.min(upper, at);
      continue;
    }
    const negated = item.startsWith('!');
    // Hexadecimal versions "cannot be used with the legacy exclusion syntax" (postconf(5)).
    const name = versionName(negated ? item.slice(1) : item, false);
    if (typeof name !== 'string') return { ok: false, ...told(name.error) };
    (negated ? excluded : included).add(NAMES.indexOf(name as (typeof NAMES)[number]));
  }
  const enabled = NAMES.map((_, i) => i).filter((i) => i >= lower && i <= upper && !excluded.has(i) && (included.size === 0 || included.has(i)));
  // SSLv2 and SSLv3 are gone from OpenSSL 3: what is left is the TLS part.
  const tls = enabled.filter((i) => i >= 2);
  if (tls.length === 0) return { ok: false, ...told(t('postconf.noVersion', { value })) };
  for (let i = 1; i < tls.length; i++) {
    if (tls[i] !== tls[i - 1] + 1) {
      return { ok: false, ...told(t('postconf.gap', { value, low: NAMES[tls[i - 1]], high: NAMES[tls[i]] })) };
    }
  }
  return { ok: true, range: { min: NAMES[tls[0]] as SecureVersion, max: NAMES[tls.at(-1)!] as SecureVersion } };
}

/** Below TLS 1.2: OpenSSL 3 needs security level 0 for it (SHA-1 signatures, STACK.md). */
export const isLegacyRange = (range: VersionRange): boolean => TLS_VERSIONS.indexOf(range.min) < TLS_VERSIONS.indexOf('TLSv1.2');
