// Parameters come from the UI, a scenario or the terminal: every value is checked against the
// values the module lists, and a wrong one is refused with a message naming the choices.

import type { AttackInfo } from '../../common/attack.ts';

export type ParamsResult = { ok: true; params: Record<string, string> } | { ok: false; message: string };

export function checkParams(info: AttackInfo, given: Record<string, string>): ParamsResult {
  const params: Record<string, string> = {};
  for (const name of Object.keys(given)) {
    if (!info.params.some((p) => p.name === name)) {
      const known = info.params.map((p) => p.name).join(', ') || 'none';
      return { ok: false, message: `${info.name} has no parameter "${name}" (parameters: ${known})` };
    }
  }
  for (const param of info.params) {
    const value = Object.hasOwn(given, param.name) ? given[param.name] : param.values[0];
    if (!param.values.includes(value)) {
      return { ok: false, message: `${info.name}: ${param.name} must be one of ${param.values.join(', ')}, not "${value}"` };
    }
    params[param.name] = value;
  }
  return { ok: true, params };
}
