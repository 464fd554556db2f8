// How the mailbox shows a folded header field such as the receiver's Received line.
import { describe, expect, it } from 'vitest';
import { foldedLines } from '../../../renderer/src/lib/mail-format.ts';

describe('foldedLines', () => {
  it('splits a Received field where it was folded and drops the fold white space', () => {
    const received = 'Received: from learner.example (unknown [192.0.2.10])\r\n\tby mx.example.jp (SMTP Lab) with ESMTP id m1\r\n\tfor <bob@example.jp>; Sun, 06 Dec 2026 06:30:52 +0000';
    expect(foldedLines(received)).toEqual([
      { text: 'Received: from learner.example (unknown [192.0.2.10])', continued: false },
      { text: 'by mx.example.jp (SMTP Lab) with ESMTP id m1', continued: true },
      { text: 'for <bob@example.jp>; Sun, 06 Dec 2026 06:30:52 +0000', continued: true },
    ]);
  });

  it('gives one line for an unfolded field and none for an empty one', () => {
    expect(foldedLines('Subject: hi')).toEqual([{ text: 'Subject: hi', continued: false }]);
    expect(foldedLines('')).toEqual([]);
  });
});
