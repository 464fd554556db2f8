// What a decoder says about the bytes of a row: catalogue Texts, the English kept beside them.
import { english, type Text } from '../../common/i18n/text.ts';
import type { WireNotes } from '../../common/trace-details-wire.ts';

/** The notes fields of a detail; none when there is nothing to say. */
export function wireNotes(texts: readonly Text[]): WireNotes {
  return texts.length ? { notes: texts.map(english), notesText: [...texts] } : {};
}
