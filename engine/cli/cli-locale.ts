// The language the CLI speaks: `--lang ja|en` on any command, else SMTP_LAB_LANG, else the UI's
// language in the file a lab terminal names in SMTP_LAB_LANG_FILE (rewritten when the learner
// switches the UI's language), else the POSIX locale (LC_ALL, LC_MESSAGES, LANG).
// Protocol bytes and --json keys stay the same in every language; sentences follow it.
import { readFileSync } from 'node:fs';
import type { Locale } from '../../common/protocol.ts';
import { renderLines, renderText, text, type Text } from '../../common/i18n/text.ts';
import { systemLocale } from '../api/system-locale.ts';

let current: Locale = 'en';

const asLocale = (value: string | undefined): Locale | null => (value === 'ja' || value === 'en' ? value : null);

/** The locale from the environment alone: SMTP_LAB_LANG, then the lab terminal's language file, then the POSIX variables. */
export function localeFromEnv(env: NodeJS.ProcessEnv = process.env): Locale {
  return asLocale(env.SMTP_LAB_LANG?.trim().toLowerCase()) ?? asLocale(readLangFile(env.SMTP_LAB_LANG_FILE)) ?? systemLocale(env, '');
}

function readLangFile(path: string | undefined): string | undefined {
  if (!path) return undefined;
  try {
    return readFileSync(path, 'utf8').slice(0, 8).trim().toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * Takes `--lang ja|en` (or `--lang=ja`) out of the arguments, wherever it stands before a lone
 * "--". An unknown language is an error message, not a silent English.
 */
export function takeLangFlag(argv: readonly string[]): { argv: string[]; locale?: Locale; error?: Text } {
  const rest: string[] = [];
  let locale: Locale | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    const inline = arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (arg !== '--lang' && inline === undefined) {
      rest.push(arg);
      continue;
    }
    const value = inline ?? argv[++i];
    const chosen = asLocale(value?.toLowerCase());
    if (!chosen) return { argv: rest, error: text('cliArgs.lang', { value: value ?? '' }) };
    locale = chosen;
  }
  return locale ? { argv: rest, locale } : { argv: rest };
}

export function setCliLocale(locale: Locale): void {
  current = locale;
}

export function cliLocale(): Locale {
  return current;
}

/** A sentence in the CLI's language. */
export function say(value: Text | string): string {
  return renderText(current, value);
}

/** A paragraph of a usage text in the CLI's language, each line indented by `indent`. */
export function sayIndented(value: Text | string, indent = '  '): string {
  return say(value)
    .split('\n')
    .map((line) => `${indent}${line}`)
    .join('\n');
}

/** Lines of verbatim text and sentences in the CLI's language. */
export function sayLines(lines: readonly (string | Text)[]): string {
  return renderLines(current, lines);
}
