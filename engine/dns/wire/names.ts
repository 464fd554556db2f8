// Domain names as the engine keeps them: lower case, no trailing dot, the root as ".".
// Ordering and wire form follow RFC 4034 §6.1 and §6.2 (canonical form).
import { text, type Text } from '../../../common/i18n/text.ts';

export const ROOT = '.';

/** "Example.JP." -> "example.jp"; "" or "." -> ".". */
export function normalizeName(name: string): string {
  const trimmed = name.trim().replace(/\.$/, '').toLowerCase();
  return trimmed === '' ? ROOT : trimmed;
}

export function labelsOf(name: string): string[] {
  return name === ROOT || name === '' ? [] : name.split('.');
}

export function nameOfLabels(labels: string[]): string {
  return labels.length === 0 ? ROOT : labels.join('.');
}

/** "example.jp" -> "example.jp." for display (dig style). */
export function fqdn(name: string): string {
  return name === ROOT ? '.' : `${name}.`;
}

/** True when `name` is `ancestor` or below it. */
export function isSubdomain(name: string, ancestor: string): boolean {
  if (ancestor === ROOT) return true;
  const a = name.toLowerCase();
  const b = ancestor.toLowerCase();
  return a === b || a.endsWith(`.${b}`);
}

/** The names from just below `top` down to `name`, shortest first: ("a.b.jp", ".") -> jp, b.jp, a.b.jp. */
export function namesBelow(name: string, top: string): string[] {
  const labels = labelsOf(name);
  const start = labelsOf(top).length;
  const out: string[] = [];
  for (let n = start + 1; n <= labels.length; n++) out.push(nameOfLabels(labels.slice(labels.length - n)));
  return out;
}

/** RRSIG Labels field: labels of the owner, not counting the root or a leading "*" (RFC 4034 §3.1.3). */
export function rrsigLabelCount(name: string): number {
  const labels = labelsOf(name);
  return labels[0] === '*' ? labels.length - 1 : labels.length;
}

function compareLabels(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = x.charCodeAt(i) - y.charCodeAt(i);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** Canonical DNS name order (RFC 4034 §6.1): right-most label first, case-folded, octet by octet. */
export function compareNames(a: string, b: string): number {
  const la = labelsOf(a);
  const lb = labelsOf(b);
  for (let i = 1; i <= Math.min(la.length, lb.length); i++) {
    const d = compareLabels(la[la.length - i], lb[lb.length - i]);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return la.length === lb.length ? 0 : la.length < lb.length ? -1 : 1;
}

/** Uncompressed, lower-cased wire form of a name (RFC 4034 §6.2). */
export function nameWire(name: string): Buffer {
  const parts: Buffer[] = [];
  for (const label of labelsOf(name.toLowerCase())) {
    const bytes = Buffer.from(label, 'latin1');
    parts.push(Buffer.from([bytes.length]), bytes);
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

/** Why a name cannot be used, or null (RFC 1035 §2.3.4: labels 1..63 octets, name ≤ 255 octets). */
export function nameProblem(name: string): Text | null {
  if (name === ROOT) return null;
  const labels = name.split('.');
  if (labels.some((label) => label.length === 0)) return text('dnsName.emptyLabel', { name });
  const long = labels.find((label) => Buffer.byteLength(label) > 63);
  if (long) return text('dnsName.longLabel', { label: long.slice(0, 20) });
  if (nameWire(name).length > 255) return text('dnsName.tooLong', { name: name.slice(0, 40) });
  if (!/^[a-z0-9_*-]+(\.[a-z0-9_-]+)*$/i.test(name)) return text('dnsName.badChars', { name });
  return null;
}
