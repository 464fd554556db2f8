import { describe, expect, it } from 'vitest';
import { decodeBase64, hexdump, hexdumpLine, textTokens } from '../../../renderer/src/lib/hexdump.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('hexdump', () => {
  it('decodes base64 as carried in TraceEvent.raw', () => {
    expect([...decodeBase64(Buffer.from('220 ok\r\n').toString('base64'))]).toEqual([...bytes('220 ok\r\n')]);
    expect(decodeBase64('not base64!!').length).toBe(0);
  });

  it('shows offset, 16 bytes of hex and ASCII per line, like hexdump -C', () => {
    const lines = hexdump(bytes('220 mx.example.jp ESMTP\r\n'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({
      offset: '00000000',
      hex: '32 32 30 20 6d 78 2e 65  78 61 6d 70 6c 65 2e 6a',
      ascii: '220 mx.example.j',
    });
    expect(lines[1]).toEqual({ offset: '00000010', hex: '70 20 45 53 4d 54 50 0d  0a', ascii: 'p ESMTP..' });
  });

  it('prints non-printable bytes as dots', () => {
    expect(hexdumpLine(new Uint8Array([0x16, 0x03, 0x01, 0x41, 0x7f, 0xff]), 0).ascii).toBe('...A..');
  });

  it('stops at the limit', () => {
    const lines = hexdump(new Uint8Array(100), 40);
    expect(lines).toHaveLength(3);
    expect(lines[2].offset).toBe('00000020');
    expect(lines[2].hex.split(/\s+/)).toHaveLength(8);
  });

  it('marks CR, LF and other controls in the text view', () => {
    expect(textTokens(bytes('EHLO a\r\nQUIT\t\r\n'))).toEqual([
      { kind: 'text', text: 'EHLO a' },
      { kind: 'control', name: 'CR', lineBreak: false },
      { kind: 'control', name: 'LF', lineBreak: true },
      { kind: 'text', text: 'QUIT' },
      { kind: 'control', name: 'HT', lineBreak: false },
      { kind: 'control', name: 'CR', lineBreak: false },
      { kind: 'control', name: 'LF', lineBreak: true },
    ]);
    expect(textTokens(bytes('件名'))).toEqual([{ kind: 'text', text: '件名' }]);
  });
});
