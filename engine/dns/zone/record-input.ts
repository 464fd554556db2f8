// A record as a learner types it in the zone editor, checked field by field; every refusal names
// the field and the rule (RFC 1035 §3.3, §5.1; RFC 2181 §8; RFC 6698 §2).
import { isIPv4, isIPv6 } from 'node:net';
import { parseTlsaPresentation } from '../../policy/dane/tlsa-record.ts';
import { isSubdomain, nameProblem, normalizeName } from '../wire/names.ts';
import { text as t, told, type Text } from '../../../common/i18n/text.ts';
import type { Rr } from '../wire/records.ts';

export interface RecordInput {
  name: string;
  type: string;
  ttl?: number | string;
  /** RDATA in presentation form: "10 mx.example.jp", "3 1 1 8d02...", "v=STSv1; id=2". */
  value?: string;
}

export type RecordField = 'name' | 'type' | 'ttl' | 'value' | 'preference' | 'exchange' | 'address' | 'text' | 'usage' | 'selector' | 'matching-type' | 'data' | 'target';

export type RecordCheck = { ok: true; record: Rr } | { ok: false; field: RecordField; message: string; messageText: Text; rule: string };

export const EDITABLE_TYPES = ['A', 'AAAA', 'MX', 'TXT', 'TLSA', 'CNAME', 'NS'] as const;
const SIGNER_TYPES = new Set(['DNSKEY', 'RRSIG', 'NSEC', 'DS', 'NSEC3', 'SOA']);
export const DEFAULT_RECORD_TTL = 300;
const TLSA_DIGEST_OCTETS: Record<number, number> = { 1: 32, 2: 64 };

const fail = (field: RecordField, message: Text, rule: string): RecordCheck => ({ ok: false, field, ...told(message), rule });

/** "@" is the origin, a trailing dot makes a name absolute, other names not under the zone are relative to it. */
export function ownerName(typed: string, origin: string): string {
  const text = typed.trim();
  if (text === '@' || text === '') return origin;
  if (text.endsWith('.')) return normalizeName(text);
  const name = normalizeName(text);
  return isSubdomain(name, origin) ? name : normalizeName(`${name}.${origin === '.' ? '' : origin}`);
}

function hostName(text: string, field: RecordField, what: string): string | RecordCheck {
  const host = text.trim();
  if (host === '') return fail(field, t('zone.noHost', { what }), 'RFC 1035 §3.3');
  const name = normalizeName(host);
  const problem = nameProblem(name);
  return problem ? fail(field, t('zone.badHost', { what, problem }), 'RFC 1035 §2.3.1') : name;
}

/** TXT: quoted strings, or the whole text as one string; each at most 255 octets (RFC 1035 §3.3.14). */
function txtStrings(value: string): Buffer[] | RecordCheck {
  const text = value.trim();
  const strings: string[] = [];
  if (text.startsWith('"')) {
    const re = /"((?:[^"\\]|\\.)*)"\s*/gy;
    let match: RegExpExecArray | null;
    let end = 0;
    while ((match = re.exec(text))) {
      strings.push(match[1].replace(/\\(.)/g, '$1'));
      end = re.lastIndex;
    }
    if (end !== text.length) return fail('text', t('zone.txtQuote'), 'RFC 1035 §5.1');
  } else strings.push(text);
  const parts = strings.map((s) => Buffer.from(s, 'utf8'));
  const long = parts.findIndex((p) => p.length > 255);
  if (long >= 0) return fail('text', t('zone.txtLong', { n: long + 1, octets: parts[long].length }), 'RFC 1035 §3.3.14');
  return parts;
}

function parseValue(type: string, value: string): Rr['data'] | RecordCheck {
  switch (type) {
    case 'A':
      return isIPv4(value.trim()) ? value.trim() : fail('address', t('zone.notIpv4', { value: value.trim() }), 'RFC 1035 §3.4.1');
    case 'AAAA':
      return isIPv6(value.trim()) ? value.trim() : fail('address', t('zone.notIpv6', { value: value.trim() }), 'RFC 3596 §2.2');
    case 'MX': {
      const [pref, ...rest] = value.trim().split(/\s+/);
      if (!/^\d{1,5}$/.test(pref ?? '') || Number(pref) > 65535) return fail('preference', t('zone.mxPreference', { value: pref ?? '' }), 'RFC 1035 §3.3.9');
      if (rest.length !== 1) return fail('exchange', t(rest.length === 0 ? 'zone.mxNoHost' : 'zone.mxOneHost'), 'RFC 1035 §3.3.9');
      const host = hostName(rest[0], 'exchange', 'MX');
      return typeof host === 'string' ? { preference: Number(pref), exchange: host } : host;
    }
    case 'TXT':
      return txtStrings(value);
    case 'CNAME':
    case 'NS':
      return hostName(value, 'target', type);
    case 'TLSA': {
      const parsed = parseTlsaPresentation(value);
      if (!parsed.ok) return fail(parsed.field === 'record' ? 'value' : parsed.field, parsed.messageText, parsed.rule);
      const r = parsed.record;
      const want = TLSA_DIGEST_OCTETS[r.matchingType];
      if (want && r.data.length !== want) {
        return fail('data', t('zone.tlsaDigest', { type: r.matchingType, digest: r.matchingType === 1 ? 'SHA-256' : 'SHA-512', octets: want, digits: want * 2, actual: r.data.length }), 'RFC 6698 §2.1.3');
      }
      return { usage: r.usage, selector: r.selector, matchingType: r.matchingType, certificate: r.data };
    }
    default:
      return fail('type', t('zone.unknownType', { type }), 'RFC 1035 §3.2.2');
  }
}

export function checkRecordInput(input: RecordInput, origin: string): RecordCheck {
  const type = String(input.type ?? '').trim().toUpperCase();
  if (SIGNER_TYPES.has(type)) return fail('type', t('zone.signerType', { type }), 'RFC 4035 §2');
  if (!(EDITABLE_TYPES as readonly string[]).includes(type)) return fail('type', t('zone.unsupportedType', { type: String(input.type ?? ''), types: [...EDITABLE_TYPES] }), 'RFC 1035 §3.2.2');
  const name = ownerName(String(input.name ?? ''), origin);
  if (name.startsWith('*')) return fail('name', t('zone.wildcard'), 'RFC 4592');
  const problem = nameProblem(name);
  if (problem) return fail('name', problem, 'RFC 1035 §2.3.4');
  if (!isSubdomain(name, origin)) return fail('name', t('zone.outside', { name, zone: origin }), 'RFC 1034 §4.2');
  const ttlText = String(input.ttl ?? DEFAULT_RECORD_TTL).trim();
  if (!/^\d{1,10}$/.test(ttlText) || Number(ttlText) > 2147483647) return fail('ttl', t('zone.ttl', { value: ttlText }), 'RFC 2181 §8');
  const data = parseValue(type, String(input.value ?? ''));
  if (data && typeof data === 'object' && 'ok' in data && (data as RecordCheck).ok === false) return data as RecordCheck;
  return { ok: true, record: { name, type, ttl: Number(ttlText), class: 'IN', data } as Rr };
}
