// The lab's MTAs configured in Postfix's own words: `postconf`, `postconf -n`, `postconf -d` and
// `postconf -e`, the main.cf pane and the checker all speak these types.
import type { Text } from './i18n/text.ts';

/** One refused assignment or main.cf line. */
export interface PostconfError {
  /** Which assignment (postconf -e) or main.cf text line, 0-based. */
  index: number;
  param?: string;
  /** In English. */
  message: string;
  /** The message as a catalogue Text, rendered in the reader's language. */
  messageText?: Text;
}

/** postconf: every parameter's value; -n: the ones main.cf sets; -d: Postfix's defaults. */
export type PostconfMode = 'all' | 'non-default' | 'defaults';

export type PostconfShowResult = { ok: true; lines: string[] } | { ok: false; errors: PostconfError[] };
export type PostconfEditResult = { ok: true; changed: string[] } | { ok: false; errors: PostconfError[] };

/** What the main.cf pane shows: `postconf -n` of the running lab. */
export interface PostconfState {
  /** `name = value` lines of `postconf -n`, sorted by name. */
  nonDefault: string[];
}

/** Which MTA a parameter configures: smtpd_* the receiver mx.example.jp, smtp_* the sender mail.sender.example. */
export type PostconfSide = 'receiver' | 'sender';
