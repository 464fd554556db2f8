// The HTTP API's write side for CLI commands (`smtp-lab send`, `tlsrpt`, `attack`): each a POST
// with a JSON body, answered with JSON. The renderer uses the WebSocket messages instead.
import { ATTACK_NAMES, type AttackName } from '../../common/attack.ts';
import { isStringRecord, parseSendRequest } from '../../common/protocol.ts';
import type { LabRuntime } from '../lab/lab-runtime.ts';
import { POSTCONF_PATH, postconfAction } from './postconf-api.ts';
import { CHECKER_PATH, checkerAction } from './checker-api.ts';
import { COURSE_PATHS, courseAction, type CourseApi } from './course-api.ts';
import { refusal, type ActionReply } from './action-reply.ts';
import { messageOf, text, type Text } from '../../common/i18n/text.ts';

export const ACTION_PATHS = ['/api/send', '/api/tlsrpt/flush', '/api/dmarc/flush', '/api/attack', POSTCONF_PATH, CHECKER_PATH, ...COURSE_PATHS] as const;

export type { ActionReply } from './action-reply.ts';

const bad = (sentence: Text | string): ActionReply => refusal(400, sentence);
const MAX_PARAMS = { count: 16, length: 256 };

export async function labAction(lab: LabRuntime, path: string, body: unknown, course?: CourseApi): Promise<ActionReply> {
  if ((COURSE_PATHS as readonly string[]).includes(path)) return courseAction(course, path, body);
  switch (path) {
    case POSTCONF_PATH:
      return postconfAction(lab, body);
    case CHECKER_PATH:
      return checkerAction(lab, body);
    case '/api/send': {
      if (!lab.sender) return refusal(404, text('api.noSender'));
      const request = parseSendRequest((body as { request?: unknown } | null)?.request);
      if (!request) return bad(text('httpApi.malformedSend'));
      const submitted = lab.sender.submit(request);
      if (!submitted.ok) return bad(messageOf(submitted));
      const message = await lab.sender.settled(submitted.message.id);
      return { status: 200, body: { message, outcome: message.outcome } };
    }
    case '/api/tlsrpt/flush':
      if (!lab.sender) return refusal(404, text('api.noSender'));
      return { status: 200, body: await lab.sender.flushReports() };
    case '/api/dmarc/flush':
      if (!lab.dmarc) return refusal(404, text('httpApi.noDmarc'));
      return { status: 200, body: await lab.dmarc.flush() };
    case '/api/attack': {
      if (!lab.attacker) return refusal(404, text('api.noAttacker'));
      const b = (body ?? {}) as { name?: unknown; params?: unknown };
      if (b.name === null || b.name === 'off') return { status: 200, body: await lab.attacker.off() };
      if (!ATTACK_NAMES.includes(b.name as AttackName)) return bad(text('httpApi.unknownAttack', { names: ATTACK_NAMES.join(', ') }));
      const params = b.params ?? {};
      if (!isStringRecord(params)) return bad(text('httpApi.params', MAX_PARAMS));
      const result = await lab.attacker.set(b.name as AttackName, params);
      return result.ok ? { status: 200, body: result.status } : bad(messageOf(result));
    }
  }
  return refusal(404, text('httpApi.notFound'));
}
