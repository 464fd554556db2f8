// postscreen_greet_wait: how long the receiver waits before its 220 greeting, so a client that talks
// first (a bot that does not wait its turn, RFC 5321 §4.3.1 and §3.1) gives itself away. Postfix
// runs this pause in postscreen(8) when master.cf puts postscreen in front of smtpd; the lab has no
// master.cf, so "0s" stands for "no postscreen": greet at once.
import { text, type Text } from '../../common/i18n/text.ts';

/** Longest pause the lab accepts: a sending client waits 5 minutes for the greeting (RFC 5321 §4.5.3.2.1). */
export const MAX_GREET_WAIT_MS = 5 * 60 * 1000;

// postconf(5): a time value is a number and a unit (s, m, h, d, w), seconds when the unit is left out.
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const TIME = /^(\d{1,9})([smhdw]?)$/i;
// Postfix's default, `${stress?{2}:{6}}s`: 2 s under stress, else 6 s. The lab is never under stress.
const STRESS = /^\$\{stress\?\{([^{}]*)\}:\{([^{}]*)\}\}/;

/** The pause in ms, or why the value is refused. */
export function parseGreetWait(value: string): { ok: true; ms: number } | { ok: false; message: Text } {
  const written = value.trim().replace(STRESS, (_m, _stressed: string, calm: string) => calm);
  const match = TIME.exec(written);
  if (!match) return { ok: false, message: text('postconf.notTimeValue', { value }) };
  const ms = Number(match[1]) * UNIT_MS[(match[2] || 's').toLowerCase()];
  if (ms > MAX_GREET_WAIT_MS) return { ok: false, message: text('postconf.greetWaitTooLong', { value }) };
  return { ok: true, ms };
}
