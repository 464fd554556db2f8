import type { Locale } from '../../common/protocol.ts';

/** Japanese when the OS locale is Japanese (POSIX variables first, as gettext reads them), else English. */
export function systemLocale(env: NodeJS.ProcessEnv = process.env, intlLocale?: string): Locale {
  const posix = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value && value !== 'C' && value !== 'POSIX');
  // ICU is asked only without a POSIX locale: loading its data costs ~10 ms of a start.
  const locale = posix ?? intlLocale ?? Intl.DateTimeFormat().resolvedOptions().locale;
  return /^ja([_.\-@]|$)/i.test(locale ?? '') ? 'ja' : 'en';
}
