// The DATA body is read in bulk (smtp-flow-decoder drainData): however the bytes are chunked,
// the rows come out the same, and they match what a line-by-line reading reports.
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../engine/protocol/line-splitter.ts';
import { DataScanner } from '../../../engine/protocol/smtp-data.ts';
import { SmtpFlowDecoder } from '../../../engine/protocol/smtp-flow-decoder.ts';

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const PIECES = ['Subject: s\r\n', 'X: y\r\n', '\r\n', 'hello\r\n', '.dot\r\n', 'bare\n', '.\n', 'ünï\r\n', `${'a'.repeat(1200)}\r\n`, `${'b'.repeat(70_000)}\r\n`, '\r\n'];

function body(random: () => number): string {
  let text = 'Subject: test\r\n\r\n';
  const n = 1 + Math.floor(random() * 12);
  for (let i = 0; i < n; i++) text += PIECES[Math.floor(random() * PIECES.length)];
  return text;
}

function rows(session: Buffer[], server: string[]): unknown[] {
  const decoder = new SmtpFlowDecoder();
  const out: unknown[] = [];
  const reply = (text: string) => out.push(...decoder.feed('s2c', Buffer.from(text)));
  reply(server[0]);
  for (const chunk of session) out.push(...decoder.feed('c2s', chunk));
  for (const text of server.slice(1)) reply(text);
  out.push(...decoder.finish());
  return out.map((e) => {
    const { raw, ...rest } = e as { raw?: string };
    return { ...rest, rawLength: raw ? Buffer.from(raw, 'base64').length : 0 };
  });
}

function chunked(bytes: Buffer, random: () => number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; ) {
    const size = 1 + Math.floor(random() * (random() < 0.2 ? 100_000 : 40));
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

describe('DATA read in bulk', () => {
  it('gives the same rows for 60 random messages however they are chunked', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const random = rng(seed);
      const message = body(random);
      const client = Buffer.from(`EHLO c\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n${message}.\r\nQUIT\r\n`);
      // The server's replies arrive after the client's pipelined bytes: the decoder holds DATA's body until 354.
      const server = ['220 s\r\n', '250 s\r\n250 OK\r\n250 OK\r\n354 go\r\n250 queued\r\n221 bye\r\n'];
      expect(rows(chunked(client, random), server), `seed ${seed}`).toEqual(rows([client], server));
    }
  });

  it('gives the same rows when the body follows 354 in chunks of any size', () => {
    const dialogue = (chunks: Buffer[]) => {
      const decoder = new SmtpFlowDecoder();
      const out = [
        ...decoder.feed('s2c', Buffer.from('220 s\r\n')),
        ...decoder.feed('c2s', Buffer.from('EHLO c\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n')),
        ...decoder.feed('s2c', Buffer.from('250 s\r\n250 OK\r\n250 OK\r\n354 go\r\n')),
      ];
      for (const chunk of chunks) out.push(...decoder.feed('c2s', chunk));
      out.push(...decoder.feed('s2c', Buffer.from('250 queued\r\n221 bye\r\n')), ...decoder.finish());
      return out;
    };
    for (let seed = 200; seed < 260; seed++) {
      const random = rng(seed);
      const client = Buffer.from(`${body(random)}.\r\nQUIT\r\n`);
      const whole = dialogue([client]);
      expect(whole.some((e) => e.detail.kind === 'data' && e.detail.complete === true)).toBe(true);
      expect(dialogue(chunked(client, random)), `seed ${seed}`).toEqual(whole);
    }
  });

  it('counts what a line-by-line reading counts', () => {
    for (let seed = 100; seed < 140; seed++) {
      const random = rng(seed);
      const bytes = Buffer.from(`${body(random)}.\r\n`);
      const bulk = new DataScanner();
      const end = bulk.addLinesUntilEnd(bytes);
      expect(end, `seed ${seed}`).toBe(bytes.length - 3);
      bulk.addEndLine(bytes.subarray(end, end + 3));
      const lines = new DataScanner();
      const splitter = new LineSplitter();
      splitter.push(bytes);
      for (let line = splitter.next(); line; line = splitter.next()) if (lines.addLine(line)) break;
      const { raw: rawBulk, ...bulkResult } = bulk.result(true);
      const { raw: rawLines, ...lineResult } = lines.result(true);
      expect(bulkResult, `seed ${seed}`).toEqual(lineResult);
      expect(rawBulk.equals(rawLines)).toBe(true);
    }
  });
});
