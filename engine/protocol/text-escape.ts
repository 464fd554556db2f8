// Renders bytes a peer sent as one readable line: valid UTF-8 as text, every other byte and
// every control character escaped, so garbage never corrupts the ladder or a terminal.

const strict = new TextDecoder('utf-8', { fatal: true });

export interface DisplayText {
  text: string;
  /** True when some bytes were not valid UTF-8. */
  nonUtf8: boolean;
}

const hex = (b: number) => `\\x${b.toString(16).padStart(2, '0')}`;

function escapeControls(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code === 0x09) out += '\\t';
    else if (code === 0x0d) out += '\\r';
    else if (code === 0x0a) out += '\\n';
    else if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) out += code < 0x100 ? hex(code) : ch;
    else if (ch === '\\') out += '\\\\';
    else out += ch;
  }
  return out;
}

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

export function displayText(bytes: Uint8Array): DisplayText {
  try {
    return { text: escapeControls(strict.decode(bytes)), nonUtf8: false };
  } catch {
    // fall through to the byte-by-byte path
  }
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      out += escapeControls(String.fromCharCode(b));
      i++;
      continue;
    }
    const len = sequenceLength(b);
    if (len > 0 && i + len <= bytes.length) {
      try {
        out += escapeControls(strict.decode(bytes.subarray(i, i + len)));
        i += len;
        continue;
      } catch {
        // not a valid sequence: escape the lead byte and resynchronise on the next one
      }
    }
    out += hex(b);
    i++;
  }
  return { text: out, nonUtf8: true };
}

/** Shortens a summary for one ladder row, keeping the start. */
export function clip(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
