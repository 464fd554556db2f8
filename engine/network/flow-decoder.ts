import type { DecodedEvent, WireDir } from '../protocol/decoded-event.ts';
import { SmtpFlowDecoder } from '../protocol/smtp-flow-decoder.ts';

/** Turns the bytes of one connection into trace rows; one instance per connection. */
export interface FlowDecoder {
  feed(dir: WireDir, chunk: Buffer): DecodedEvent[];
  finish(): DecodedEvent[];
}

export const smtpDecoder = (): FlowDecoder => new SmtpFlowDecoder();
