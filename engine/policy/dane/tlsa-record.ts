// RFC 6698 §2.1 TLSA RDATA: certificate usage, selector, matching type, certificate association data.
// Syntax errors name the field; records that parse but cannot be used are marked unusable
// (RFC 6698 §4.1, RFC 7672 §3.1.3) rather than rejected: a DANE client ignores them.
import { said, text, told, type Text } from '../../../common/i18n/text.ts';
import { X509Certificate, createPublicKey } from 'node:crypto';

export interface TlsaRecord {
  usage: number;
  selector: number;
  matchingType: number;
  /** Certificate association data. */
  data: Buffer;
}

export type TlsaField = 'usage' | 'selector' | 'matching-type' | 'data' | 'record';

export type TlsaParseResult = { ok: true; record: TlsaRecord } | { ok: false; field: TlsaField; message: string; messageText: Text; rule: string };

export type TlsaUsability = { usable: true } | { usable: false; rule: string; reason: string; reasonText: Text };

export const USAGE_NAMES: Record<number, string> = { 0: 'PKIX-TA', 1: 'PKIX-EE', 2: 'DANE-TA', 3: 'DANE-EE' };
export const SELECTOR_NAMES: Record<number, string> = { 0: 'Cert', 1: 'SPKI' };
export const MATCHING_NAMES: Record<number, string> = { 0: 'Full', 1: 'SHA2-256', 2: 'SHA2-512' };
const DIGEST_LENGTH: Record<number, number> = { 1: 32, 2: 64 };

/** The four fields as typed (e.g. from a zone file or the CLI). */
export function parseTlsaFields(usage: string | number, selector: string | number, matchingType: string | number, hex: string): TlsaParseResult {
  const fields: [TlsaField, string | number][] = [
    ['usage', usage],
    ['selector', selector],
    ['matching-type', matchingType],
  ];
  const numbers: number[] = [];
  for (const [field, raw] of fields) {
    const typed = String(raw).trim();
    if (!/^[0-9]{1,3}$/.test(typed) || Number(typed) > 255) {
      const name = text(field === 'usage' ? 'tlsaParse.fieldUsage' : field === 'selector' ? 'tlsaParse.fieldSelector' : 'tlsaParse.fieldMatching');
      return { ok: false, field, ...told(text('tlsaParse.notOctet', { field: name, value: typed })), rule: 'RFC 6698 §2.1' };
    }
    numbers.push(Number(typed));
  }
  const digits = hex.replace(/[ \t\r\n]/g, '');
  if (digits.length === 0) return { ok: false, field: 'data', ...told(text('tlsaParse.emptyData')), rule: 'RFC 6698 §2.1.4' };
  const bad = /[^0-9A-Fa-f]/.exec(digits);
  if (bad) return { ok: false, field: 'data', ...told(text('tlsaParse.notHex', { char: bad[0] })), rule: 'RFC 6698 §2.2' };
  if (digits.length % 2 !== 0) {
    return { ok: false, field: 'data', ...told(text('tlsaParse.oddDigits', { count: digits.length })), rule: 'RFC 6698 §2.2' };
  }
  return { ok: true, record: { usage: numbers[0], selector: numbers[1], matchingType: numbers[2], data: Buffer.from(digits, 'hex') } };
}

/** The presentation form "3 1 1 8d02...", as `dig` prints it. */
export function parseTlsaPresentation(typed: string): TlsaParseResult {
  const parts = typed.trim().split(/[ \t]+/);
  if (parts.length < 4) {
    return { ok: false, field: 'record', ...told(text('tlsaParse.parts', { text: typed.trim(), count: parts.length })), rule: 'RFC 6698 §2.2' };
  }
  return parseTlsaFields(parts[0], parts[1], parts[2], parts.slice(3).join(''));
}

export function formatTlsa(record: TlsaRecord): string {
  return `${record.usage} ${record.selector} ${record.matchingType} ${record.data.toString('hex')}`;
}

export function describeTlsa(record: TlsaRecord): string {
  const name = (table: Record<number, string>, n: number) => table[n] ?? `unknown(${n})`;
  return `${name(USAGE_NAMES, record.usage)}(${record.usage}) ${name(SELECTOR_NAMES, record.selector)}(${record.selector}) ${name(MATCHING_NAMES, record.matchingType)}(${record.matchingType})`;
}

/** Whether an SMTP client may use this record for DANE authentication. */
export function tlsaUsability(record: TlsaRecord): TlsaUsability {
  const { usage, selector, matchingType, data } = record;
  if (usage === 0 || usage === 1) {
    return { usable: false, rule: 'RFC 7672 §3.1.3', ...said(text('tlsa.pkixUsage', { name: USAGE_NAMES[usage], usage })) };
  }
  if (usage > 3) return { usable: false, rule: 'RFC 6698 §4.1', ...said(text('tlsa.unknownUsage', { usage })) };
  if (selector > 1) return { usable: false, rule: 'RFC 6698 §4.1', ...said(text('tlsa.unknownSelector', { selector })) };
  if (matchingType > 2) return { usable: false, rule: 'RFC 6698 §4.1', ...said(text('tlsa.unknownMatching', { type: matchingType })) };
  const length = DIGEST_LENGTH[matchingType];
  if (length !== undefined && data.length !== length) {
    return {
      usable: false,
      rule: 'RFC 6698 §4.1',
      ...said(text('tlsa.digestLength', { name: MATCHING_NAMES[matchingType], length, actual: data.length })),
    };
  }
  if (matchingType === 0 && !parsesAs(selector, data)) {
    return { usable: false, rule: 'RFC 6698 §4.1', ...said(text(selector === 0 ? 'tlsa.notCertificate' : 'tlsa.notSpki')) };
  }
  return { usable: true };
}

function parsesAs(selector: number, data: Buffer): boolean {
  try {
    if (selector === 0) new X509Certificate(data);
    else createPublicKey({ key: data, format: 'der', type: 'spki' });
    return true;
  } catch {
    return false;
  }
}
