// A record as a learner types it in the zone editor, checked field by field; every refusal names
// the field and the rule (RFC 1035 §3.3, §5.1; RFC 2181 §8; RFC 6698 §2).
import { isIPv4, isIPv6 } from 'node:net';
import { parseTlsaPresentation } from '../../policy/dane/tlsa-record.ts';
import { isSubdomain, nameProblem, normalizeName } from '../wire/names.ts';
import type { Rr } from '../wire/records.ts';

export interface RecordInput {
  name: string;
  type: string;
  ttl?: number | string;
  /** RDATA in presentation form: "10 mx.example.jp", "3 1 1 8d02...", "v=STSv1; id=2". */
  value?: string;
}

export type RecordField = 'name' | 'type' | 'ttl' | 'value' | 'preference' | 'exchange' | 'address' | 'text' | 'usage' | 'selector' | 'matching-type' | 'data' | 'target';

export type RecordCheck = { ok: true; record: Rr } | { ok: false; field: RecordField; message: string; rule: string };

export const EDITABLE_TYPES = ['A', 'AAAA', 'MX', 'TXT', 'TLSA', 'CNAME', 'NS'] as const;
const SIGNER_TYPES = new Set(['DNSKEY', 'RRSIG', 'NSEC', 'DS', 'NSEC3', 'SOA']);
export const DEFAULT_RECORD_TTL = 300;
const TLSA_DIGEST_OCTETS: Record<number, number> = { 1: 32, 2: 64 };

const fail = (field: RecordField, message: string, rule: string): RecordCheck => ({ ok: false, field, message, rule });

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
  if (host === '') return fail(field, `${what} has no host name`, 'RFC 1035 §3.3');
  const name = normalizeName(host);
  const problem = nameProblem(name);
  return problem ? fail(field, `${what}: ${problem}`, 'RFC 1035 §2.3.1') : name;
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
    if (end !== text.length) return fail('text', 'the TXT value has an unterminated or stray quote', 'RFC 1035 §5.1');
  } else strings.push(text);
  const parts = strings.map((s) => Buffer.from(s, 'utf8'));
  const long = parts.findIndex((p) => p.length > 255);
  if (long >= 0) return fail('text', `TXT string ${long + 1} is ${parts[long].length} octets; one character-string holds at most 255 (split it into several quoted strings)`, 'RFC 1035 §3.3.14');
  return parts;
}

function parseValue(type: string, value: string): Rr['data'] | RecordCheck {
  switch (type) {
    case 'A':
      return isIPv4(value.trim()) ? value.trim() : fail('address', `"${value.trim()}" is not an IPv4 address (four numbers 0-255 separated by dots)`, 'RFC 1035 §3.4.1');
    case 'AAAA':
      return isIPv6(value.trim()) ? value.trim() : fail('address', `"${value.trim()}" is not an IPv6 address`, 'RFC 3596 §2.2');
    case 'MX': {
      const [pref, ...rest] = value.trim().split(/\s+/);
      if (!/^\d{1,5}$/.test(pref ?? '') || Number(pref) > 65535) return fail('preference', `the MX preference "${pref ?? ''}" is not a number from 0 to 65535`, 'RFC 1035 §3.3.9');
      if (rest.length !== 1) return fail('exchange', rest.length === 0 ? 'MX without a host: write "10 mx.example.jp"' : 'MX takes one host after the preference', 'RFC 1035 §3.3.9');
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
      if (!parsed.ok) return fail(parsed.field === 'record' ? 'value' : parsed.field, parsed.message, parsed.rule);
      const r = parsed.record;
      const want = TLSA_DIGEST_OCTETS[r.matchingType];
      if (want && r.data.length !== want) {
        return fail('data', `matching type ${r.matchingType} is ${r.matchingType === 1 ? 'SHA-256' : 'SHA-512'}: the data must be ${want} octets (${want * 2} hex digits), not ${r.data.length}`, 'RFC 6698 §2.1.3');
      }
      return { usage: r.usage, selector: r.selector, matchingType: r.matchingType, certificate: r.data };
    }
    default:
      return fail('type', `unknown type "${type}"`, 'RFC 1035 §3.2.2');
  }
}

export function checkRecordInput(input: RecordInput, origin: string): RecordCheck {
  const type = String(input.type ?? '').trim().toUpperCase();
  if (SIGNER_TYPES.has(type)) return fail('type', `${type} records are made by the lab's signer; change the zone's mode or keys instead`, 'RFC 4035 §2');
  if (!(EDITABLE_TYPES as readonly string[]).includes(type)) return fail('type', `unknown or unsupported type "${input.type}"; use one of ${EDITABLE_TYPES.join(', ')}`, 'RFC 1035 §3.2.2');
  const name = ownerName(String(input.name ?? ''), origin);
  if (name.startsWith('*')) return fail('name', 'wildcard owners are not offered by the lab zone editor', 'RFC 4592');
  const problem = nameProblem(name);
  if (problem) return fail('name', problem, 'RFC 1035 §2.3.4');
  if (!isSubdomain(name, origin)) return fail('name', `${name} is not inside the zone ${origin}`, 'RFC 1034 §4.2');
  const ttlText = String(input.ttl ?? DEFAULT_RECORD_TTL).trim();
  if (!/^\d{1,10}$/.test(ttlText) || Number(ttlText) > 2147483647) return fail('ttl', `TTL "${ttlText}" is not a number of seconds from 0 to 2147483647`, 'RFC 2181 §8');
  const data = parseValue(type, String(input.value ?? ''));
  if (data && typeof data === 'object' && 'ok' in data && (data as RecordCheck).ok === false) return data as RecordCheck;
  return { ok: true, record: { name, type, ttl: Number(ttlText), class: 'IN', data } as Rr };
}
