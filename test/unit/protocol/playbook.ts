// Scripted exchanges for the sans-IO decoders: "the client sends X, the server answers Y",
// then the rows the ladder would show.
import type { DecodedEvent, WireDir } from '../../../engine/protocol/decoded-event.ts';
import { SmtpFlowDecoder, type SmtpFlowOptions } from '../../../engine/protocol/smtp-flow-decoder.ts';

export type Step = [WireDir, string | Buffer];

const bytes = (data: string | Buffer) => (typeof data === 'string' ? Buffer.from(data, 'utf8') : data);

export class Playbook {
  readonly decoder: SmtpFlowDecoder;
  readonly rows: DecodedEvent[] = [];

  constructor(options?: SmtpFlowOptions) {
    this.decoder = new SmtpFlowDecoder(options);
  }

  client(data: string | Buffer): this {
    this.rows.push(...this.decoder.feed('c2s', bytes(data)));
    return this;
  }

  server(data: string | Buffer): this {
    this.rows.push(...this.decoder.feed('s2c', bytes(data)));
    return this;
  }

  close(): this {
    this.rows.push(...this.decoder.finish());
    return this;
  }

  /** "c2s EHLO x" / "s2c 250 ..." lines, the shape of the ladder. */
  ladder(): string[] {
    return this.rows.map((r) => `${r.dir} ${r.layer} ${r.summary}`);
  }

  last(): DecodedEvent {
    return this.rows[this.rows.length - 1];
  }
}

/** Feeds steps with every chunk cut into pieces of `size` octets. */
export function replay(steps: Step[], size: number, options?: SmtpFlowOptions): Playbook {
  const book = new Playbook(options);
  for (const [dir, data] of steps) {
    const buf = bytes(data);
    for (let i = 0; i < buf.length; i += size) {
      const piece = buf.subarray(i, i + size);
      if (dir === 'c2s') book.client(piece);
      else book.server(piece);
    }
  }
  return book;
}

export const decodeRaw = (row: DecodedEvent) => Buffer.from(row.raw ?? '', 'base64');
