// RFC 2047 encoded words ("=?UTF-8?B?...?=") in header values, decoded for display.

const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;
const BETWEEN_WORDS = /(=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=)\s+(?==\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=)/g;

function decodeQ(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '_') bytes.push(0x20);
    else if (ch === '=' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(ch.charCodeAt(0) & 0xff);
  }
  return Buffer.from(bytes);
}

function charsetDecode(bytes: Buffer, charset: string): string | null {
  try {
    return new TextDecoder(charset.replace(/\*.*$/, '')).decode(bytes);
  } catch {
    return null;
  }
}

/** Unfolds a header value (RFC 5322 §2.2.3) and decodes its encoded words (RFC 2047 §6.1). */
export function decodeHeaderValue(value: string): string {
  const unfolded = value.replace(/\r?\n(?=[ \t])/g, '');
  // RFC 2047 §6.2: white space between adjacent encoded words is not displayed.
  return unfolded.replace(BETWEEN_WORDS, '$1').replace(ENCODED_WORD, (word, charset: string, enc: string, text: string) => {
    const bytes = enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : decodeQ(text);
    return charsetDecode(bytes, charset) ?? word;
  });
}
