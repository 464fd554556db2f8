// Node's util.parseArgs throws English sentences; the learner reads the same problem from the
// catalogue, naming the option or argument it quotes. Its codes are stable, its wording is not:
// a message of an unknown shape still names what it quotes.
import { text, type Text } from '../../common/i18n/text.ts';

const PARSE_ARGS_CODES = ['ERR_PARSE_ARGS_UNKNOWN_OPTION', 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'] as const;

/** The first quoted token of the message, e.g. "--port" of "Option '-p, --port <value>' argument missing". */
function quoted(message: string): string {
  const token = /'([^']*)'/.exec(message)?.[1] ?? '';
  // "-p, --port <value>": the long name is the one the learner most likely typed.
  const names = token.replace(/ <value>$/, '').split(', ');
  return names.at(-1) ?? token;
}

/** The problem of a util.parseArgs error in the catalogue's words; null for any other error. */
export function parseArgsProblem(error: unknown): Text | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (!(error instanceof Error) || !PARSE_ARGS_CODES.includes(code as (typeof PARSE_ARGS_CODES)[number])) return null;
  const name = quoted(error.message);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return text('cliArgs.unknownOption', { option: name });
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return text('cliArgs.unexpectedArgument', { argument: name });
  if (/argument missing/.test(error.message)) return text('cliArgs.missingValue', { option: name });
  if (/does not take an argument/.test(error.message)) return text('cliArgs.noValue', { option: name });
  if (/ambiguous/.test(error.message)) return text('cliArgs.ambiguousValue', { option: name });
  return text('cliArgs.badValue', { option: name });
}
