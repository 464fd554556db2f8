// The syntax of main.cf and of `postconf -e` arguments (postconf(5) "Syntax"): `name = value`,
// a line that begins with whitespace continues the one before it, a line whose first
// non-whitespace character is `#` is a comment, blank lines are ignored. Values are trimmed.
import { text as t, told, type Text } from '../../common/i18n/text.ts';

export interface Assignment {
  /** The assignment's position: its argument (postconf -e) or its first text line (main.cf), 0-based. */
  index: number;
  name: string;
  value: string;
}

export interface SyntaxError {
  index: number;
  param?: string;
  message: string;
  messageText: Text;
}

const NAME = /^[A-Za-z0-9_]+$/;

/** One `name = value` (postconf -e also accepts `name=value`). */
export function parseAssignment(text: string, index: number): Assignment | SyntaxError {
  const eq = text.indexOf('=');
  if (eq < 0) return { index, ...told(t('postconf.notForm', { text: text.trim() })) };
  const name = text.slice(0, eq).trim();
  if (!NAME.test(name)) return { index, ...told(t('postconf.notName', { name })) };
  return { index, name, value: text.slice(eq + 1).trim() };
}

export const isAssignment = (a: Assignment | SyntaxError): a is Assignment => 'name' in a;

/** The logical lines of a main.cf text, each with the number of the text line it starts on. */
export function parseMainCf(text: string): { assignments: Assignment[]; errors: SyntaxError[] } {
  const lines = text.split(/\r?\n/);
  const logical: { index: number; text: string }[] = [];
  const errors: SyntaxError[] = [];
  lines.forEach((line, index) => {
    if (/^\s*(#|$)/.test(line)) return;
    if (/^\s/.test(line)) {
      const last = logical.at(-1);
      if (last) last.text += ` ${line.trim()}`;
      else errors.push({ index, ...told(t('postconf.orphanContinuation')) });
      return;
    }
    logical.push({ index, text: line });
  });
  const assignments: Assignment[] = [];
  for (const { index, text: line } of logical) {
    const parsed = parseAssignment(line, index);
    if (isAssignment(parsed)) assignments.push(parsed);
    else errors.push(parsed);
  }
  return { assignments, errors };
}
