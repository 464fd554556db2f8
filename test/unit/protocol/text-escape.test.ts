import { describe, expect, it } from 'vitest';
import { decodeHeaderValue } from '../../../engine/protocol/mime-words.ts';
import { displayText } from '../../../engine/protocol/text-escape.ts';

describe('displayText', () => {
  it('keeps UTF-8 text and escapes control characters', () => {
    expect(displayText(Buffer.from('件名 tab\there\x1b[31m\\'))).toEqual({ text: '件名 tab\\there\\x1b[31m\\\\', nonUtf8: false });
  });

  it('escapes each octet that is not part of valid UTF-8 (RFC 3629 §4)', () => {
    // 0xc3 0x28: bad continuation; 0xed 0xa0 0x80: a surrogate; 0xf8: never valid; é stays.
    const bytes = Buffer.from([0x61, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xf8, 0xc3, 0xa9]);
    expect(displayText(bytes)).toEqual({ text: 'a\\xc3(\\xed\\xa0\\x80\\xf8é', nonUtf8: true });
  });

  it('writes a C1 control as \\u so it differs from an invalid octet', () => {
    expect(displayText(Buffer.from([0xc2, 0x85])).text).toBe('\\u0085');
  });

  it('renders a bounded prefix of a long input and says how much is left', () => {
    const shown = displayText(Buffer.alloc(10_000, 0x41), 100);
    expect(shown.text).toBe(`${'A'.repeat(100)}… 9900 more octets`);
  });
});

describe('decodeHeaderValue', () => {
  it('unfolds (RFC 5322 §2.2.3) and decodes B and Q encoded words (RFC 2047)', () => {
    expect(decodeHeaderValue(' =?UTF-8?B?44GT44KT44Gr44Gh44Gv?=\r\n =?ISO-8859-1?Q?caf=E9_au_lait?= ok')).toBe(' こんにちはcafé au lait ok');
  });

  it('decodes ISO-2022-JP, common in Japanese mail', () => {
    expect(decodeHeaderValue('=?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=')).toBe('テスト');
  });

  it('leaves a word with an unknown charset as it was', () => {
    expect(decodeHeaderValue('=?x-unknown?B?YWJj?=')).toBe('=?x-unknown?B?YWJj?=');
  });
});
