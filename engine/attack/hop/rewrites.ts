// What a hop does to a message's bytes, as pure functions: the header block and body split at
// the first empty line (RFC 5322 §2.1), fields found by name with their folded lines (§2.2.3).
export interface SplitMessage {
  head: string;
  body: string;
}

export function splitMessage(bytes: Buffer): SplitMessage {
  const text = bytes.toString('latin1');
  const at = text.search(/\r?\n\r?\n/);
  if (at < 0) return { head: text, body: '' };
  const sep = text.slice(at).match(/^\r?\n\r?\n/)![0];
  return { head: text.slice(0, at), body: text.slice(at + sep.length) };
}

export function joinMessage(message: SplitMessage): Buffer {
  return Buffer.from(`${message.head}\r\n\r\n${message.body}`, 'latin1');
}

const fieldPattern = (name: string) => new RegExp(`^${name}:[^\\r\\n]*(?:\\r?\\n[ \\t][^\\r\\n]*)*(?:\\r?\\n)?`, 'gim');

/** The header without every field of that name (e.g. the DKIM-Signature a forger cannot make). */
export function withoutField(head: string, name: string): string {
  return head.replace(fieldPattern(name), '').replace(/\r?\n$/, '');
}

/** The header with the field replaced (or added at the end when absent). */
export function withField(head: string, name: string, value: string): string {
  const line = `${name}: ${value}`;
  const pattern = fieldPattern(name);
  if (!pattern.test(head)) return `${head}\r\n${line}`;
  let done = false;
  return head.replace(fieldPattern(name), (match) => {
    if (done) return '';
    done = true;
    return `${line}${/\r?\n$/.test(match) ? '\r\n' : ''}`;
  });
}

/** The unfolded value of the first field of that name, or null. */
export function fieldValue(head: string, name: string): string | null {
  const match = fieldPattern(name).exec(head);
  return match ? match[0].slice(name.length + 1).replace(/\r?\n[ \t]+/g, ' ').trim() : null;
}

/** A mailing list's changes (RFC 7960 §3.2.3): a tag before the subject, a footer after the body. */
export function listRewrite(bytes: Buffer, list: { tag: string; footer: string; listId: string }): Buffer {
  const message = splitMessage(bytes);
  const subject = fieldValue(message.head, 'Subject') ?? '';
  let head = withField(message.head, 'Subject', subject.startsWith(list.tag) ? subject : `${list.tag} ${subject}`);
  head = withField(head, 'List-Id', list.listId);
  const body = `${message.body.replace(/(\r?\n)*$/, '')}\r\n-- \r\n${list.footer}\r\n`;
  return joinMessage({ head, body });
}
