// Renders bytes a peer sent as one readable line: valid UTF-8 as text, every other byte and
// every control character escaped, so garbage never corrupts the ladder or a terminal.

import { isUtf8 } from 'node:buffer';

export interface DisplayText {
  text: string;
  /** True when some bytes were not valid UTF-8. */
  nonUtf8: boolean;
}

const hex = (b: number) => `\\x${b.toString(16).padStart(2, '0')}`;
const CONTROLS = /[\x00-\x1f\x7f-\x9f\\]/g;

function escapeControl(ch: string): string {
  switch (ch) {
    case '\t':
      return '\\t';
    case '\r':
      return '\\r';
    case '\n':
      return '\\n';
    case '\\':
      return '\\\\';
  }
  const code = ch.charCodeAt(0);
  // C1 controls are valid UTF-8 (U+0080..U+009F); written \u so they differ from invalid bytes.
  return code >= 0x80 ? `\\u${code.toString(16).padStart(4, '0')}` : hex(code);
}

const escapeControls = (text: string) => text.replace(CONTROLS, escapeControl);

const inRange = (bytes: Uint8Array, at: number, lo: number, hi: number) => at < bytes.length && bytes[at] >= lo && bytes[at] <= hi;

/** Length of the valid UTF-8 sequence at i (RFC 3629 §4), or 0 when there is none. */
function validSequence(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  if (b < 0xc2 || b > 0xf4) return 0;
  if (b <= 0xdf) return inRange(bytes, i + 1, 0x80, 0xbf) ? 2 : 0;
  if (b <= 0xef) {
    const lo = b === 0xe0 ? 0xa0 : 0x80;
    const hi = b === 0xed ? 0x9f : 0xbf;
    return inRange(bytes, i + 1, lo, hi) && inRange(bytes, i + 2, 0x80, 0xbf) ? 3 : 0;
  }
  const lo = b === 0xf0 ? 0x90 : 0x80;
  const hi = b === 0xf4 ? 0x8f : 0xbf;
  return inRange(bytes, i + 1, lo, hi) && inRange(bytes, i + 2, 0x80, 0xbf) && inRange(bytes, i + 3, 0x80, 0xbf) ? 4 : 0;
}

// What each single octet looks like on its own: printable ASCII as is, the rest escaped.
const OCTET = Array.from({ length: 256 }, (_, b) => (b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : b < 0x80 ? escapeControl(String.fromCharCode(b)) : hex(b)));

/**
 * Renders at most maxOctets (the rest is summarised as "… N more octets"); nonUtf8 is decided
 * on all of them. Invalid input is walked octet by octet, so the cap bounds that work.
 */
export function displayText(bytes: Uint8Array, maxOctets = 4096): DisplayText {
  const all = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const valid = isUtf8(all);
  const buf = all.length > maxOctets ? all.subarray(0, maxOctets) : all;
  const more = all.length > maxOctets ? `… ${all.length - maxOctets} more octets` : '';
  if (valid) return { text: escapeControls(buf.toString('utf8')) + more, nonUtf8: false };
  const parts: string[] = [];
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    const len = b < 0x80 ? 0 : validSequence(buf, i);
    if (len === 0) {
      parts.push(OCTET[b]);
      i++;
      continue;
    }
    parts.push(escapeControls(buf.toString('utf8', i, i + len)));
    i += len;
  }
  return { text: parts.join('') + more, nonUtf8: true };
}

/** Shortens a summary for one ladder row, keeping the start. */
export function clip(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
