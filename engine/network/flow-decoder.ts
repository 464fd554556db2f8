import type { DecodedEvent, WireDir } from '../protocol/decoded-event.ts';
import { SmtpFlowDecoder } from '../protocol/smtp-flow-decoder.ts';
import { TlsFlow } from '../protocol/tls-flow.ts';

/** Turns the bytes of one connection into trace rows; one instance per connection. */
export interface FlowDecoder {
  feed(dir: WireDir, chunk: Buffer): DecodedEvent[];
  finish(): DecodedEvent[];
}

export const smtpDecoder = (): FlowDecoder => new SmtpFlowDecoder();

/** A connection that is TLS from its first byte (HTTPS to the policy host, TLS-RPT collector). */
export const tlsDecoder = (): FlowDecoder => {
  const flow = new TlsFlow();
  return { feed: (dir, chunk) => flow.feed(dir, chunk), finish: () => [] };
};
