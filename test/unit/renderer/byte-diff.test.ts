import { describe, expect, it } from 'vitest';
import { diffBytes, diffCounts, diffLines } from '../../../renderer/src/lib/byte-diff.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
/** The marked bytes of one side as text, unmarked ones as "_". */
const marked = (data: Uint8Array, marks: boolean[]) => [...data].map((b, i) => (marks[i] ? String.fromCharCode(b) : '_')).join('');

describe('byte diff', () => {
  it('marks a same-length rewrite byte by byte, as in stripping STARTTLS', () => {
    const diff = diffBytes(bytes('250-PIPELINING\r\n250-STARTTLS\r\n'), bytes('250-PIPELINING\r\n250-XXXXXXXA\r\n'));
    expect(marked(diff.before, diff.removed)).toBe('____________________STARTTLS__');
    expect(marked(diff.after, diff.added)).toBe('____________________XXXXXXXA__');
    expect(diffCounts(diff)).toEqual({ removed: 8, added: 8 });
  });

  it('marks only the inserted bytes when the attacker adds a line', () => {
    const diff = diffBytes(bytes('220 ready\r\n'), bytes('220 ready\r\nMAIL FROM:<x@y>\r\n'));
    expect(diffCounts(diff)).toEqual({ removed: 0, added: 17 });
    expect(marked(diff.after, diff.added)).toBe('___________MAIL FROM:<x@y>\r\n');
  });

  it('aligns a removal in the middle without marking what follows it', () => {
    const diff = diffBytes(bytes('EHLO a\r\nSTARTTLS\r\nQUIT\r\n'), bytes('EHLO a\r\nQUIT\r\n'));
    expect(diffCounts(diff).added).toBe(0);
    expect(marked(diff.before, diff.removed).replaceAll('_', '')).toHaveLength(10);
  });

  it('marks everything when a chunk is dropped or made up whole', () => {
    const hello = new Uint8Array([0x16, 0x03, 0x01, 0x00, 0x05]);
    expect(diffCounts(diffBytes(hello, new Uint8Array(0)))).toEqual({ removed: 5, added: 0 });
    expect(diffCounts(diffBytes(new Uint8Array(0), hello))).toEqual({ removed: 0, added: 5 });
  });

  it('reports no change for identical bytes', () => {
    expect(diffCounts(diffBytes(bytes('QUIT\r\n'), bytes('QUIT\r\n')))).toEqual({ removed: 0, added: 0 });
  });

  it('gives up aligning very long middles and marks them whole', () => {
    const a = new Uint8Array(3000).fill(1);
    const b = new Uint8Array(2000).fill(2);
    expect(diffCounts(diffBytes(a, b))).toEqual({ removed: 3000, added: 2000 });
  });

  it('lays a side out as hexdump lines with a mark per byte', () => {
    const diff = diffBytes(bytes('250-STARTTLS\r\n'), bytes('250-XXXXXXXA\r\n'));
    const lines = diffLines(diff.after, diff.added);
    expect(lines).toHaveLength(1);
    expect(lines[0].offset).toBe('00000000');
    expect(lines[0].cells.map((c) => c.hex).join(' ')).toBe('32 35 30 2d 58 58 58 58 58 58 58 41 0d 0a');
    expect(lines[0].cells.map((c) => c.ascii).join('')).toBe('250-XXXXXXXA..');
    expect(lines[0].cells.map((c) => (c.changed ? 1 : 0)).join('')).toBe('00001111111100');
    expect(diffLines(new Uint8Array(40), new Array(40).fill(false), 20)).toHaveLength(2);
  });
});
