// The trace row a decoder or an interceptor leaves when it throws: the bytes still flow, the row
// says what could not be read or rewritten. The sentence is a catalogue key; the error is its parameter.
import { english, text, type Text } from '../../common/i18n/text.ts';
import type { NoteDetail } from '../../common/trace-details.ts';
import type { DecodedEvent, WireDir } from './decoded-event.ts';

export type ErrorNoteKind = 'decoder-error' | 'dns-undecoded' | 'interceptor-error' | 'attack-error';

const KEYS = {
  'decoder-error': 'traceNote.decoderError',
  'dns-undecoded': 'traceNote.dnsUndecoded',
  'interceptor-error': 'traceNote.interceptorError',
  'attack-error': 'traceNote.attackError',
} as const;

/** A `note` row for an error thrown while decoding or rewriting bytes travelling `dir`. */
export function errorNote(kind: ErrorNoteKind, dir: WireDir | 'none', err: unknown, fields: { transport?: string } = {}): DecodedEvent {
  const error = err instanceof Error ? err.message : String(err);
  const summaryText: Text = text(KEYS[kind], { error });
  // An attack's handler error reads as an interceptor error: the chunk went on unchanged either way.
  const detail: NoteDetail = { ...fields, kind: kind === 'decoder-error' || kind === 'dns-undecoded' ? 'decoder-error' : 'interceptor-error', error, summaryText };
  return { layer: 'note', dir, summary: english(summaryText), detail, visibility: 'plaintext' };
}
