// The Message-ID of a message as it travels (RFC 5322 §3.6.4), read from its header section
// alone, synchronously, so a node can tell which message it saw the moment the bytes pass.

const HEADER_END = /\r?\n\r?\n/;

/** The msg-id in angle brackets, e.g. "<Q0001.123@sender.example>", or undefined when there is none. */
export function messageIdOf(message: Buffer | string): string | undefined {
  const text = typeof message === 'string' ? message : message.toString('latin1');
  const end = text.search(HEADER_END);
  const head = (end < 0 ? text : text.slice(0, end)).replace(/\r?\n(?=[ \t])/g, '');
  return /^Message-ID:[ \t]*(<[^>\r\n]+>)/im.exec(head)?.[1];
}
