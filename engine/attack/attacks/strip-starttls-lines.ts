// The byte work of strip-starttls, sans-IO: whole reply lines out of a stream, and the
// STARTTLS line of an EHLO reply overwritten in place (RFC 5321 §4.1.1.1 extension lines).

// Beyond this a "line" without LF is passed on as it is rather than held.
const MAX_HELD = 8192;
const ADVERT = /^(250[- ])STARTTLS(?=\r?\n)/gim;

/** Splits held + chunk into the whole lines and the unfinished rest to hold. */
export function holdPartialLine(held: Buffer, chunk: Buffer): { lines: Buffer; held: Buffer } {
  const buf = held.length ? Buffer.concat([held, chunk]) : chunk;
  const lastLf = buf.lastIndexOf(0x0a);
  const rest = buf.subarray(lastLf + 1);
  if (rest.length > MAX_HELD) return { lines: buf, held: Buffer.alloc(0) };
  return { lines: buf.subarray(0, lastLf + 1), held: Buffer.from(rest) };
}

/** The lines with "250-STARTTLS" / "250 STARTTLS" made "250-XXXXXXXA"; the same Buffer when there was none. */
export function stripStarttlsAdvert(lines: Buffer): Buffer {
  const text = lines.toString('latin1');
  const stripped = text.replace(ADVERT, '$1XXXXXXXA');
  return stripped === text ? lines : Buffer.from(stripped, 'latin1');
}
