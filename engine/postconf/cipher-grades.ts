// smtpd_tls_ciphers, smtp_tls_mandatory_ciphers and friends name a grade; Postfix turns each grade
// into an OpenSSL cipher list (the tls_*_cipherlist parameters, as `postconf -d` prints them for
// Postfix 3.7) and appends "!name" for every smtpd_tls_exclude_ciphers entry. As in Postfix, the
// lists shape TLS 1.2 and older; TLS 1.3 suites are not chosen by grade.
import { createSecureContext, DEFAULT_CIPHERS } from 'node:tls';
import { text as t, told, type Text } from '../../common/i18n/text.ts';

export const CIPHER_GRADES = ['export', 'low', 'medium', 'high', 'null'] as const;
export type CipherGrade = (typeof CIPHER_GRADES)[number];

export const CIPHER_LISTS: Record<CipherGrade, string> = {
  export: 'aNULL:-aNULL:HIGH:MEDIUM:LOW:EXPORT:+RC4:@STRENGTH',
  low: 'aNULL:-aNULL:HIGH:MEDIUM:LOW:+RC4:@STRENGTH',
  medium: 'aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH',
  high: 'aNULL:-aNULL:HIGH:@STRENGTH',
  null: 'eNULL:!aNULL',
};

/** Node's TLS 1.3 suites: listed explicitly, so a grade never switches TLS 1.3 off. */
const TLS13_SUITES = DEFAULT_CIPHERS.split(':').filter((c) => c.startsWith('TLS_')).join(':');

const EXCLUDE_ITEM = /^[A-Za-z0-9][A-Za-z0-9+_.=-]*$/;

/** The entries of an exclude list, or why one is not a cipher name or type. */
export function parseExcludeList(value: string): { ok: true; items: string[] } | { ok: false; message: string; messageText: Text } {
  const items = value.split(/[\s,:]+/).filter(Boolean);
  const bad = items.find((item) => !EXCLUDE_ITEM.test(item));
  if (bad) return { ok: false, ...told(t('postconf.notCipherName', { name: bad })) };
  return { ok: true, items };
}

/**
 * The OpenSSL cipher string for a grade and its exclusions. Security level 0 only where it is
 * needed: protocols below TLS 1.2 (SHA-1 signatures) and the null grade (no encryption at all).
 */
export function cipherString(grade: CipherGrade, exclude: readonly string[], legacyProtocols: boolean): string {
  const parts = [TLS13_SUITES, CIPHER_LISTS[grade], ...exclude.map((item) => `!${item}`)];
  if (legacyProtocols || grade === 'null') parts.push('@SECLEVEL=0');
  return parts.join(':');
}

/** Whether OpenSSL accepts the string and it leaves at least one cipher for TLS 1.2 and older. */
export function checkCipherString(ciphers: string): Text | null {
  const error = opensslRefusal(ciphers);
  return error === null ? null : t('postconf.opensslRefuses', { ciphers: ciphers.replace(`${TLS13_SUITES}:`, ''), error });
}

/** OpenSSL's answer to each string, asked once a process: a TLS context costs a millisecond, and main.cf is read at every lab start and delivery. */
const refusals = new Map<string, string | null>();

function opensslRefusal(ciphers: string): string | null {
  if (refusals.has(ciphers)) return refusals.get(ciphers)!;
  let refusal: string | null = null;
  try {
    createSecureContext({ ciphers });
  } catch (error) {
    refusal = (error as Error).message;
  }
  if (refusals.size >= 256) refusals.clear();
  refusals.set(ciphers, refusal);
  return refusal;
}
