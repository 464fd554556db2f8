// `--param NAME=VALUE` options (attack parameters) as a record, or the reason they are not one.
export function parseParamPairs(pairs: readonly string[]): Record<string, string> | string {
  const params: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at < 1) return `--param ${pair}: expected NAME=VALUE`;
    params[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return params;
}
