// `--json` keeps its keys in every language; its free text follows the CLI's language. The engine
// keeps each sentence twice: the English string (`reason`, `message`, `detail`, `evidence` ...) and,
// beside it, the catalogue Text it came from (`reasonText`, `messageText`, `detailText`,
// `evidenceText` ...). Here the string is said again from its Text, wherever the pair stands.
import { isText, renderText, type Locale } from '../../common/i18n/text.ts';

const TEXT_SUFFIX = 'Text';

/** The string beside a Text (or the list beside a list of Texts), said in `locale`; anything else as it is. */
function sayAgain(english: unknown, said: unknown, locale: Locale): unknown {
  if (typeof english === 'string' && isText(said)) return renderText(locale, said);
  if (Array.isArray(english) && Array.isArray(said) && english.length === said.length) {
    return english.map((value, i) => (typeof value === 'string' && (isText(said[i]) || typeof said[i] === 'string') ? renderText(locale, said[i]) : value));
  }
  return english;
}

export function jsonInLanguage<T>(value: T, locale: Locale): T {
  if (locale === 'en' || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => jsonInLanguage(item, locale)) as T;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(record)) out[key] = jsonInLanguage(field, locale);
  for (const key of Object.keys(record)) {
    if (!key.endsWith(TEXT_SUFFIX) || key === TEXT_SUFFIX) continue;
    const plain = key.slice(0, -TEXT_SUFFIX.length);
    if (Object.hasOwn(record, plain)) out[plain] = sayAgain(record[plain], record[key], locale);
  }
  return out as T;
}
