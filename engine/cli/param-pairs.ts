// `--param NAME=VALUE` options (attack parameters) as a record, or the reason they are not one.
import { text } from '../../common/i18n/text.ts';
import { say } from './cli-locale.ts';

export function parseParamPairs(pairs: readonly string[]): Record<string, string> | string {
  const params: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at < 1) return say(text('sendArgs.paramPair', { pair }));
    params[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return params;
}
