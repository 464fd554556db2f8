// The DATA payload as it goes on the wire: CRLF line ends only (RFC 5321 §2.3.8: a client MUST NOT
// send a bare CR or LF), a leading "." doubled (dot-stuffing, §4.5.2), text lines of at most
// 1000 octets with their CRLF, the stuffed dot not counted (§4.5.3.1.6), then "." CRLF.
import { said, text, type Text } from '../../../common/i18n/text.ts';

export const TEXT_LINE_LIMIT = 1000;

export type PreparedMessage =
  | { ok: true; data: Buffer; size: number; eightBit: boolean }
  | { ok: false; rule: string; reason: string; reasonText: Text; enhancedStatus: string };

const CR = 0x0d;
const LF = 0x0a;
const DOT = 0x2e;

/** Splits on CRLF, a lone LF or a lone CR: each becomes one line end. */
function lines(message: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < message.length; i++) {
    const b = message[i];
    if (b !== CR && b !== LF) continue;
    out.push(message.subarray(start, i));
    if (b === CR && message[i + 1] === LF) i++;
    start = i + 1;
  }
  if (start < message.length) out.push(message.subarray(start));
  return out;
}

export function prepareMessage(message: Uint8Array): PreparedMessage {
  const source = Buffer.from(message.buffer, message.byteOffset, message.byteLength);
  const parts: Buffer[] = [];
  let eightBit = false;
  let lineNo = 0;
  for (const line of lines(source)) {
    lineNo++;
    if (line.length + 2 > TEXT_LINE_LIMIT) {
      return {
        ok: false,
        rule: 'RFC 5321 §4.5.3.1.6',
        ...said(text('envelope.longLine', { line: lineNo, octets: line.length + 2, limit: TEXT_LINE_LIMIT })),
        enhancedStatus: '5.6.0',
      };
    }
    if (!eightBit && line.some((b) => b > 0x7f)) eightBit = true;
    if (line[0] === DOT) parts.push(Buffer.from('.'));
    parts.push(line, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('.\r\n'));
  const data = Buffer.concat(parts);
  return { ok: true, data, size: source.length, eightBit };
}
