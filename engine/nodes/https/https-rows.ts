// The sentences of the lab HTTPS hosts' trace rows: the request line, the Host, the status and
// the headers as they went; the lab's own words around them in the reader's language.
import { text, type Text } from '../../../common/i18n/text.ts';

const hostOrNone = (host: string) => host || text('row.none');

/** A request, with the Host it named. */
export function requestSentence(request: string, host: string): Text {
  return text('row.httpsRequest', { request, host: hostOrNone(host) });
}

/** An upload (a TLS-RPT report), with the Host and the media type it named. */
export function uploadSentence(request: string, host: string, mediaType: string): Text {
  return text('row.httpsUpload', { request, host: hostOrNone(host), mediaType: mediaType || text('row.noMediaType') });
}

/** The answer to `request`: status, content type, body size and where a redirect points. */
export function responseSentence(request: string, answer: { status: number; contentType: string; bytes: number; location?: string }): Text {
  return text('row.httpsResponse', { request, status: answer.status, type: answer.contentType, bytes: answer.bytes, location: answer.location ? ` Location: ${answer.location}` : '' });
}
