import { english, type Text } from '../../common/i18n/text.ts';

/** The answer to one POST of the HTTP API: a status and a JSON body. */
export type ActionReply = { status: number; body: unknown };

/**
 * A refused request: `error` in English (logs, scripts), and `errorText`, the same sentence as a
 * catalogue Text, for the CLI to say in the learner's language. A plain string is sent as it is.
 */
export function refusal(status: number, sentence: Text | string): ActionReply {
  return { status, body: typeof sentence === 'string' ? { error: sentence } : { error: english(sentence), errorText: sentence } };
}
