import { MAX_KEPT_ATTACHMENT, type MailAttachment } from '../../../common/lab.ts';
import { decodeHeaderValue } from '../../protocol/mime-words.ts';

export interface ParsedMessage {
  headers: [string, string][];
  subject: string;
  text: string;
  attachments: MailAttachment[];
}

/** Header fields in order with values unfolded and decoded, the subject and the text body. */
export async function parseMessage(raw: Buffer): Promise<ParsedMessage> {
  // Loaded with the first message stored, not when the lab starts.
  const { simpleParser } = await import('mailparser');
  try {
    const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true });
    const headers: [string, string][] = parsed.headerLines.map(({ line }) => {
      const colon = line.indexOf(':');
      return colon < 0 ? [line, ''] : [line.slice(0, colon).trim(), decodeHeaderValue(line.slice(colon + 1)).trim()];
    });
    const attachments = parsed.attachments.map((a) => ({
      filename: a.filename ?? '',
      contentType: a.contentType,
      size: a.size,
      base64: a.size <= MAX_KEPT_ATTACHMENT ? a.content.toString('base64') : null,
    }));
    return { headers, subject: parsed.subject ?? '', text: parsed.text ?? '', attachments };
  } catch {
    // Unparseable input is still what arrived: keep it as text.
    return { headers: [], subject: '', text: raw.toString('utf8'), attachments: [] };
  }
}
