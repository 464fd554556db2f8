// A problem found in a lab or scenario file, reported as FILE:LINE:COLUMN: what is wrong, in the
// reader's language.
import { renderText, type Locale, type Text } from '../../common/i18n/text.ts';

export interface ContentProblem {
  file: string;
  line: number;
  column: number;
  /** What is wrong, in English: the project's words, or the YAML parser's or zod's own. */
  message: string;
  /**
   * The project's sentence for it, for the other languages. The YAML parser's English names the
   * exact character or construct, so English keeps it; the catalogue says what its error code means.
   */
  messageText?: Text;
  /** What zod says about a schema issue in the other languages, from its own locales. */
  worded?: Partial<Record<Locale, string>>;
}

export type ContentResult<T> = { ok: true; value: T } | { ok: false; problems: ContentProblem[] };

/** What is wrong in `locale`; English where the problem is known in English only. */
export function problemMessage(p: ContentProblem, locale: Locale): string {
  if (locale === 'en') return p.message;
  return p.worded?.[locale] ?? (p.messageText ? renderText(locale, p.messageText) : p.message);
}

/** FILE:LINE:COLUMN: what is wrong, in `locale`. */
export const problemLine = (p: ContentProblem, locale: Locale): string => `${p.file}:${p.line}:${p.column}: ${problemMessage(p, locale)}`;

/** The problem's line in English. */
export const problemText = (p: ContentProblem): string => problemLine(p, 'en');
