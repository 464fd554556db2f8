// An error whose message is a sentence of the catalogue: thrown where the engine cannot return a
// value, caught where it is shown (the CLI, the UI), and rendered there in the reader's language.
import { english, type Text } from './text.ts';

export class TextError extends Error {
  constructor(readonly text: Text) {
    super(english(text));
  }
}

/** The sentence of a caught error: its Text when it has one, else its (English) message as it is. */
export function errorSentence(error: unknown): Text | string {
  if (error instanceof TextError) return error.text;
  return error instanceof Error ? error.message : String(error);
}
