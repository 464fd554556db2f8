import { describe, expect, it } from 'vitest';
import { indexOfSeq, isAtBottom, visibleWindow } from '../../../renderer/src/lib/windowing.ts';
import { reconnectDelay, webSocketUrl } from '../../../renderer/src/lib/reconnect.ts';
import { flattenDetail, formatLabTime } from '../../../renderer/src/lib/detail-format.ts';
import { base64ByteLength } from '../../../renderer/src/lib/trace-text.ts';

describe('windowing', () => {
  it('renders only the rows in view plus the overscan', () => {
    expect(visibleWindow(0, 300, 30, 100_000, 10)).toEqual({ start: 0, end: 21 });
    expect(visibleWindow(30 * 50_000, 300, 30, 100_000, 10)).toEqual({ start: 49_990, end: 50_021 });
    expect(visibleWindow(30 * 99_990, 300, 30, 100_000, 10)).toEqual({ start: 99_980, end: 100_000 });
    expect(visibleWindow(0, 300, 30, 0, 10)).toEqual({ start: 0, end: 0 });
  });

  it('knows when the list is at its end', () => {
    expect(isAtBottom(700, 300, 1000)).toBe(true);
    expect(isAtBottom(650, 300, 1000)).toBe(false);
  });

  it('finds a row by seq with a binary search', () => {
    const rows = [1, 3, 4, 9, 12].map((seq) => ({ seq }));
    expect(indexOfSeq(rows, 9)).toBe(3);
    expect(indexOfSeq(rows, 5)).toBe(-1);
  });
});

describe('connection', () => {
  it('dials the API WebSocket of the serving host with the page token', () => {
    expect(webSocketUrl({ protocol: 'http:', host: '127.0.0.1:4000', search: '?token=a+b/c' })).toBe('ws://127.0.0.1:4000/api/ws?token=a%20b%2Fc');
    expect(webSocketUrl({ protocol: 'http:', host: '127.0.0.1:4000', search: '' })).toBeNull();
  });

  it('waits longer after each failed attempt, up to a ceiling', () => {
    expect([0, 1, 2, 3, 4, 5, 50].map(reconnectDelay)).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });
});

describe('trace detail', () => {
  it('flattens decoded fields into readable rows', () => {
    expect(flattenDetail({ code: 250, lines: ['a', 'b'], tls: { version: 'TLSv1.3' }, certs: [{ cn: 'mx' }], none: null })).toEqual([
      { key: 'code', value: '250', depth: 0 },
      { key: 'lines', value: 'a, b', depth: 0 },
      { key: 'tls', value: '', depth: 0 },
      { key: 'version', value: 'TLSv1.3', depth: 1 },
      { key: 'certs', value: '', depth: 0 },
      { key: '[0]', value: '', depth: 1 },
      { key: 'cn', value: 'mx', depth: 2 },
      { key: 'none', value: 'null', depth: 0 },
    ]);
    expect(flattenDetail(undefined)).toEqual([]);
  });

  it('counts base64 bytes and formats lab time', () => {
    expect(base64ByteLength(Buffer.from('hello').toString('base64'))).toBe(5);
    expect(base64ByteLength(Buffer.from('hell').toString('base64'))).toBe(4);
    expect(formatLabTime(1234.5)).toBe('1.234 s');
  });
});
