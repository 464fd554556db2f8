// TLS secrets in the NSS key log format (the lines Node's 'keylog' event gives, and the file
// Wireshark's tls.keylog_file reads): "LABEL <client_random hex> <secret hex>". Each line names
// its session by the ClientHello's random, which is also in the trace, so the lines of a flow
// are the ones whose random its ClientHello carried.

import type { TraceEvent } from '../../common/trace.ts';
import { wireBytesOf } from './trace-packets.ts';

const LINE = /^([A-Z0-9_]+) ([0-9a-f]{64}) ([0-9a-f]+)$/i;
export const DEFAULT_MAX_SESSIONS = 4096;

export class KeyLogBook {
  /** client_random (lower-case hex) → its lines, oldest session first. */
  private readonly sessions = new Map<string, Set<string>>();

  constructor(private readonly maxSessions = DEFAULT_MAX_SESSIONS) {}

  /** One line as Node hands it (a Buffer ending in LF); anything else is ignored. */
  add(line: Buffer | string): void {
    const text = line.toString('latin1').trim();
    const m = LINE.exec(text);
    if (!m) return;
    const random = m[2].toLowerCase();
    let lines = this.sessions.get(random);
    if (!lines) {
      lines = new Set();
      this.sessions.set(random, lines);
      // The oldest sessions go first, so a long class cannot grow this without bound.
      for (const oldest of this.sessions.keys()) {
        if (this.sessions.size <= this.maxSessions) break;
        this.sessions.delete(oldest);
      }
    }
    lines.add(`${m[1]} ${random} ${m[3].toLowerCase()}`);
  }

  /** The key log file for these sessions (all when absent), LF-terminated lines. */
  text(randoms?: Iterable<string>): string {
    const chosen = randoms ? [...new Set(randoms)].map((r) => this.sessions.get(r)).filter((s): s is Set<string> => s !== undefined) : [...this.sessions.values()];
    return chosen.flatMap((lines) => [...lines]).map((line) => `${line}\n`).join('');
  }

  clear(): void {
    this.sessions.clear();
  }
}

const CT_HANDSHAKE = 0x16;
const HS_CLIENT_HELLO = 1;

/**
 * The ClientHello randoms in these events' wire bytes (RFC 8446 §4.1.2: record header, handshake
 * header, legacy_version, then the 32-octet random), lower-case hex.
 */
export function clientRandoms(events: Iterable<TraceEvent>): string[] {
  const found: string[] = [];
  for (const event of events) {
    if (event.layer !== 'tls' || event.detail?.kind !== 'handshake') continue;
    const wire = wireBytesOf(event);
    if (!wire || wire.dir !== 'c2s') continue;
    const b = wire.bytes;
    if (b.length >= 43 && b[0] === CT_HANDSHAKE && b[5] === HS_CLIENT_HELLO) found.push(b.subarray(11, 43).toString('hex'));
  }
  return found;
}
