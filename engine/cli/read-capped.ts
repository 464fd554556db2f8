// Every input the CLI reads has a ceiling: a file larger than its purpose (or endless, /dev/zero)
// is refused with a clear error instead of growing the process without bound.
import { open } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import { text, type Text } from '../../common/i18n/text.ts';
import { TextError } from '../../common/i18n/text-error.ts';

/** An RFC 8461 policy is a few lines; the sender caps fetched policies at the same 64 KiB. */
export const MAX_POLICY_FILE = 64 * 1024;
/**
 * A policy the lab's policy host is to serve may be larger than a sender accepts, to show the
 * sender refusing it (RFC 8461 §3.3 leaves the limit to the sender); the lab API takes 2 MiB.
 */
export const MAX_SERVED_POLICY_FILE = 1024 * 1024;
/** A certificate, PEM or DER, with room for a chain. */
export const MAX_CERTIFICATE_FILE = 1024 * 1024;
/** One line typed or piped into `smtp`. */
export const MAX_INPUT_LINE = 1024 * 1024;

export class InputTooLargeError extends TextError {}

/** The whole file, or InputTooLargeError once more than maxBytes arrive (reads at most maxBytes + 1). */
export async function readCapped(path: string, maxBytes: number, what: Text | string): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await file.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw new InputTooLargeError(text('cliArgs.tooLarge', { file: path, max: maxBytes, what }));
    return buffer.subarray(0, length);
  } finally {
    await file.close();
  }
}

/** Why a file the CLI tried to read could not be used: past its cap, or the system's error code. */
export function unreadable(file: string, error: unknown): Text {
  if (error instanceof InputTooLargeError) return error.text;
  return text('cliArgs.cannotRead', { file, code: (error as NodeJS.ErrnoException).code ?? (error as Error).message ?? String(error) });
}

/** Passes bytes through and fails the stream when a line grows past maxLine bytes without an LF. */
export function lineCap(maxLine = MAX_INPUT_LINE): Transform {
  let current = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      const lastLf = chunk.lastIndexOf(0x0a);
      current = lastLf < 0 ? current + chunk.length : chunk.length - lastLf - 1;
      if (lastLf >= 0) {
        // Lines ending inside this chunk: the longest must fit too.
        let start = 0;
        for (let lf = chunk.indexOf(0x0a); lf >= 0 && lf <= lastLf; lf = chunk.indexOf(0x0a, lf + 1)) {
          if (lf - start > maxLine) return done(new InputTooLargeError(text('cliArgs.lineTooLong', { max: maxLine })));
          start = lf + 1;
        }
      }
      if (current > maxLine) return done(new InputTooLargeError(text('cliArgs.lineTooLong', { max: maxLine })));
      done(null, chunk);
    },
  });
}
