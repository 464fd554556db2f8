// The one typed protocol between the renderer and the engine. Carried as JSON over a
// WebSocket on 127.0.0.1 (web mode) or over Electron IPC via the preload bridge (desktop).

import { DNS_EDIT_OPS, DNS_ZONE_MODES, type DnsAnswer, type DnsEditOp, type DnsEditResult, type DnsZoneInfo, type DnsZoneMode } from './dns.ts';
import type { LabHost, MailboxMessage } from './lab.ts';
import type { TraceEvent } from './trace.ts';

export type Locale = 'ja' | 'en';

/** Renderer -> engine. */
export type ClientMessage =
  | { type: 'hello' }
  | { type: 'pty.open'; cols: number; rows: number }
  | { type: 'pty.input'; id: number; data: string }
  | { type: 'pty.resize'; id: number; cols: number; rows: number }
  /** Flow control (xterm.js guide): bytes of pty.data the renderer has written to the terminal. */
  | { type: 'pty.ack'; id: number; bytes: number }
  | { type: 'pty.close'; id: number }
  | { type: 'trace.clear' }
  | { type: 'dns.zones' }
  /** `rrtype` is the record type: `type` names the message. */
  | { type: 'dns.edit'; op: DnsEditOp; zone: string; name: string; rrtype: string; ttl?: number; value?: string }
  | { type: 'dns.mode'; zone: string; mode: DnsZoneMode }
  | { type: 'dns.query'; name: string; rrtype: string; validate: boolean };

/** Engine -> renderer. */
export type ServerMessage =
  | { type: 'welcome'; hosts: LabHost[]; trace: TraceEvent[]; mailbox: MailboxMessage[]; systemLocale: Locale }
  | { type: 'trace'; events: TraceEvent[] }
  | { type: 'trace.cleared' }
  | { type: 'mailbox.added'; message: MailboxMessage }
  | { type: 'pty.opened'; id: number }
  | { type: 'pty.data'; id: number; data: string }
  | { type: 'pty.exit'; id: number; exitCode: number; signal?: number }
  | { type: 'error'; message: string }
  | { type: 'dns.zones'; zones: DnsZoneInfo[] }
  /** The outcome of dns.edit or dns.mode; a refusal names the field. */
  | { type: 'dns.result'; request: 'edit' | 'mode'; result: DnsEditResult }
  | { type: 'dns.answer'; answer: DnsAnswer };

const CLIENT_TYPES = new Set(['hello', 'pty.open', 'pty.input', 'pty.resize', 'pty.ack', 'pty.close', 'trace.clear', 'dns.zones', 'dns.edit', 'dns.mode', 'dns.query']);

const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** A domain name as typed: at most 253 octets of printable ASCII without spaces (RFC 1035 §2.3.4). */
export const isDnsName = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= 254 && /^[\x21-\x7e]+$/.test(v);
/** A record type mnemonic (MX, TLSA) or TYPEnnn (RFC 3597 §5). */
export const isDnsType = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z][A-Za-z0-9]{0,15}$/.test(v);

const has = (m: Record<string, unknown>, allowed: string[]) => Object.keys(m).every((key) => allowed.includes(key));

/** Validates an untrusted message from a renderer; returns null when its shape is wrong. */
export function parseClientMessage(value: unknown): ClientMessage | null {
  if (typeof value !== 'object' || value === null) return null;
  const m = value as Record<string, unknown>;
  if (typeof m.type !== 'string' || !CLIENT_TYPES.has(m.type)) return null;
  switch (m.type) {
    case 'hello':
    case 'trace.clear':
      return { type: m.type };
    case 'pty.open':
      return isInt(m.cols, 1, 1000) && isInt(m.rows, 1, 1000) ? { type: 'pty.open', cols: m.cols, rows: m.rows } : null;
    case 'pty.input':
      return isInt(m.id, 0, 2 ** 31) && typeof m.data === 'string' && m.data.length <= 1 << 20
        ? { type: 'pty.input', id: m.id, data: m.data }
        : null;
    case 'pty.resize':
      return isInt(m.id, 0, 2 ** 31) && isInt(m.cols, 1, 1000) && isInt(m.rows, 1, 1000)
        ? { type: 'pty.resize', id: m.id, cols: m.cols, rows: m.rows }
        : null;
    case 'pty.ack':
      return isInt(m.id, 0, 2 ** 31) && isInt(m.bytes, 0, 2 ** 31) ? { type: 'pty.ack', id: m.id, bytes: m.bytes } : null;
    case 'pty.close':
      return isInt(m.id, 0, 2 ** 31) ? { type: 'pty.close', id: m.id } : null;
    case 'dns.zones':
      return has(m, ['type']) ? { type: 'dns.zones' } : null;
    case 'dns.edit':
      return parseDnsEdit(m);
    case 'dns.mode':
      return has(m, ['type', 'zone', 'mode']) && isDnsName(m.zone) && DNS_ZONE_MODES.includes(m.mode as DnsZoneMode)
        ? { type: 'dns.mode', zone: m.zone, mode: m.mode as DnsZoneMode }
        : null;
    case 'dns.query':
      return has(m, ['type', 'name', 'rrtype', 'validate']) && isDnsName(m.name) && isDnsType(m.rrtype) && typeof m.validate === 'boolean'
        ? { type: 'dns.query', name: m.name, rrtype: m.rrtype, validate: m.validate }
        : null;
  }
  return null;
}

function parseDnsEdit(m: Record<string, unknown>): ClientMessage | null {
  if (!has(m, ['type', 'op', 'zone', 'name', 'rrtype', 'ttl', 'value'])) return null;
  if (!DNS_EDIT_OPS.includes(m.op as DnsEditOp) || !isDnsName(m.zone) || typeof m.name !== 'string' || m.name.length > 254 || !isDnsType(m.rrtype)) return null;
  if (m.ttl !== undefined && !isInt(m.ttl, 0, 2 ** 31 - 1)) return null;
  // A TXT value may hold several 255-octet strings; 8 KiB is far beyond any lab record.
  if (m.value !== undefined && (typeof m.value !== 'string' || m.value.length > 8192)) return null;
  const edit: Extract<ClientMessage, { type: 'dns.edit' }> = { type: 'dns.edit', op: m.op as DnsEditOp, zone: m.zone, name: m.name, rrtype: m.rrtype };
  if (m.ttl !== undefined) edit.ttl = m.ttl as number;
  if (m.value !== undefined) edit.value = m.value as string;
  return edit;
}
