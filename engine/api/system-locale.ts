import type { Locale } from '../../common/protocol.ts';

/** Japanese when the OS locale is Japanese (POSIX variables first, as gettext reads them), else English. */
export function systemLocale(env: NodeJS.ProcessEnv = process.env, intlLocale = Intl.DateTimeFormat().resolvedOptions().locale): Locale {
  const posix = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value && value !== 'C' && value !== 'POSIX');
  const locale = posix ?? intlLocale;
  return /^ja([_.\-@]|$)/i.test(locale ?? '') ? 'ja' : 'en';
}
