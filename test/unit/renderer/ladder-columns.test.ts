import { describe, expect, it } from 'vitest';
import { fitColumns, shortNames } from '../../../renderer/src/lib/ladder-columns.ts';

const LAB_HOSTS = ['mx.example.jp', 'ns.example.jp', 'mail.sender.example', 'mta-sts.example.jp', 'tlsrpt.example.jp', 'checker.example', 'mail.attacker.example'];

describe('short names of the ladder columns', () => {
  it('keeps the fewest leading labels that tell the lab hosts apart', () => {
    expect(Object.fromEntries(shortNames(LAB_HOSTS))).toEqual({
      'mx.example.jp': 'mx',
      'ns.example.jp': 'ns',
      'mail.sender.example': 'mail.sender',
      'mta-sts.example.jp': 'mta-sts',
      'tlsrpt.example.jp': 'tlsrpt',
      'checker.example': 'checker',
      'mail.attacker.example': 'mail.attacker',
    });
  });

  it('leaves whole a name that starts another, and one that differs only at its end', () => {
    const short = shortNames(['attacker', 'attacker.example', 'a.b.jp', 'a.b.com']);
    expect(short.get('attacker')).toBe('attacker');
    expect(short.get('attacker.example')).toBe('attacker.example');
    expect(short.get('a.b.jp')).toBe('a.b.jp');
    expect(short.get('a.b.com')).toBe('a.b.com');
  });
});

describe('fitting the column headers', () => {
  const widths = [
    { full: 100, short: 60, address: 70 },
    { full: 150, short: 90, address: 80 },
  ];

  it('shows the full names when every one fits its share', () => {
    expect(fitColumns(400, widths)).toEqual({ columnWidth: 200, scrolls: false, short: false });
  });

  it('shows the short names, all of them, as soon as one full name does not fit', () => {
    expect(fitColumns(280, widths)).toEqual({ columnWidth: 140, scrolls: false, short: true });
  });

  it('scrolls sideways rather than make a column narrower than its widest short name or address', () => {
    expect(fitColumns(120, widths)).toEqual({ columnWidth: 90, scrolls: true, short: true });
    expect(fitColumns(120, [{ full: 60, short: 20, address: 95 }])).toEqual({ columnWidth: 120, scrolls: false, short: false });
    expect(fitColumns(80, [{ full: 60, short: 20, address: 95 }])).toEqual({ columnWidth: 95, scrolls: true, short: false });
  });
});
