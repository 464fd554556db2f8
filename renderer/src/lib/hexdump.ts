// Raw bytes of a trace event, shown the way `hexdump -C` does: offset, 16 bytes in hex, ASCII.

/** Decodes base64 (as carried in TraceEvent.raw) to bytes; invalid input gives no bytes. */
export function decodeBase64(base64: string): Uint8Array {
  try {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return new Uint8Array(0);
  }
}

export interface HexdumpLine {
  /** Eight hex digits, e.g. "00000010". */
  offset: string;
  /** Up to 16 bytes as hex pairs, one space apart, two spaces after the eighth. */
  hex: string;
  /** Printable ASCII as is, everything else as ".". */
  ascii: string;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function hexdumpLine(bytes: Uint8Array, offset: number): HexdumpLine {
  const end = Math.min(offset + 16, bytes.length);
  let hex = '';
  let ascii = '';
  for (let i = offset; i < end; i++) {
    const b = bytes[i];
    if (i > offset) hex += i - offset === 8 ? '  ' : ' ';
    hex += HEX[b];
    ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
  }
  return { offset: offset.toString(16).padStart(8, '0'), hex, ascii };
}

/** The dump of at most `limit` bytes (large DATA bodies are shown in part until asked). */
export function hexdump(bytes: Uint8Array, limit = Infinity): HexdumpLine[] {
  const view = bytes.length > limit ? bytes.subarray(0, limit) : bytes;
  const lines: HexdumpLine[] = [];
  for (let offset = 0; offset < view.length; offset += 16) lines.push(hexdumpLine(view, offset));
  return lines;
}

/** Characters of a full hex column (16 pairs, 15 gaps, one of them double). */
export const HEX_COLUMN_WIDTH = 16 * 2 + 16;

const C0_NAMES = [
  'NUL', 'SOH', 'STX', 'ETX', 'EOT', 'ENQ', 'ACK', 'BEL', 'BS', 'HT', 'LF', 'VT', 'FF', 'CR', 'SO', 'SI',
  'DLE', 'DC1', 'DC2', 'DC3', 'DC4', 'NAK', 'SYN', 'ETB', 'CAN', 'EM', 'SUB', 'ESC', 'FS', 'GS', 'RS', 'US',
];

export type TextToken = { kind: 'text'; text: string } | { kind: 'control'; name: string; lineBreak: boolean };

/**
 * The bytes as UTF-8 text with every control character made a visible mark (CR, LF, HT, ...),
 * a line break after each LF. SMTP is about CRLF (RFC 5321 §2.3.8): the learner should see them.
 */
export function textTokens(bytes: Uint8Array): TextToken[] {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const tokens: TextToken[] = [];
  let run = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f) {
      if (run) tokens.push({ kind: 'text', text: run });
      run = '';
      tokens.push({ kind: 'control', name: code === 0x7f ? 'DEL' : C0_NAMES[code], lineBreak: code === 0x0a });
    } else run += ch;
  }
  if (run) tokens.push({ kind: 'text', text: run });
  return tokens;
}
