// Parameters come from the UI, a scenario or the terminal: every value is checked against the
// values the module lists, and a wrong one is refused with a message naming the choices.

import type { AttackInfo } from '../../common/attack.ts';
import { told, text, type Text } from '../../common/i18n/text.ts';

export type ParamsResult = { ok: true; params: Record<string, string> } | { ok: false; message: string; messageText: Text };

export function checkParams(info: AttackInfo, given: Record<string, string>): ParamsResult {
  const params: Record<string, string> = {};
  for (const name of Object.keys(given)) {
    if (!info.params.some((p) => p.name === name)) {
      const known = info.params.length ? info.params.map((p) => p.name).join(', ') : text('attackSet.noParams');
      return { ok: false, ...told(text('attackSet.unknownParam', { attack: info.name, name, known })) };
    }
  }
  for (const param of info.params) {
    const value = Object.hasOwn(given, param.name) ? given[param.name] : param.values[0];
    if (!param.values.includes(value)) {
      return { ok: false, ...told(text('attackSet.badValue', { attack: info.name, name: param.name, values: param.values.join(', '), value })) };
    }
    params[param.name] = value;
  }
  return { ok: true, params };
}
