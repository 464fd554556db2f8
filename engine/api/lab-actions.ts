// The HTTP API's write side for CLI commands (`smtp-lab send`, `tlsrpt`, `attack`): each a POST
// with a JSON body, answered with JSON. The renderer uses the WebSocket messages instead.
import { ATTACK_NAMES, type AttackName } from '../../common/attack.ts';
import { isStringRecord, parseSendRequest } from '../../common/protocol.ts';
import type { LabRuntime } from '../lab/lab-runtime.ts';
import { POSTCONF_PATH, postconfAction } from './postconf-api.ts';
import { CHECKER_PATH, checkerAction } from './checker-api.ts';
import { COURSE_PATHS, courseAction, type CourseApi } from './course-api.ts';
import type { ActionReply } from './action-reply.ts';

export const ACTION_PATHS = ['/api/send', '/api/tlsrpt/flush', '/api/dmarc/flush', '/api/attack', POSTCONF_PATH, CHECKER_PATH, ...COURSE_PATHS] as const;

export type { ActionReply } from './action-reply.ts';

const bad = (message: string): ActionReply => ({ status: 400, body: { error: message } });

export async function labAction(lab: LabRuntime, path: string, body: unknown, course?: CourseApi): Promise<ActionReply> {
  if ((COURSE_PATHS as readonly string[]).includes(path)) return courseAction(course, path, body);
  switch (path) {
    case POSTCONF_PATH:
      return postconfAction(lab, body);
    case CHECKER_PATH:
      return checkerAction(lab, body);
    case '/api/send': {
      if (!lab.sender) return { status: 404, body: { error: 'this lab has no sending MTA' } };
      const request = parseSendRequest((body as { request?: unknown } | null)?.request);
      if (!request) return bad('malformed send request');
      const submitted = lab.sender.submit(request);
      if (!submitted.ok) return bad(submitted.message);
      const message = await lab.sender.settled(submitted.message.id);
      return { status: 200, body: { message, outcome: message.outcome } };
    }
    case '/api/tlsrpt/flush':
      if (!lab.sender) return { status: 404, body: { error: 'this lab has no sending MTA' } };
      return { status: 200, body: await lab.sender.flushReports() };
    case '/api/dmarc/flush':
      if (!lab.dmarc) return { status: 404, body: { error: 'this lab has no DMARC reporting' } };
      return { status: 200, body: await lab.dmarc.flush() };
    case '/api/attack': {
      if (!lab.attacker) return { status: 404, body: { error: 'this lab has no attacker' } };
      const b = (body ?? {}) as { name?: unknown; params?: unknown };
      if (b.name === null || b.name === 'off') return { status: 200, body: await lab.attacker.off() };
      if (!ATTACK_NAMES.includes(b.name as AttackName)) return bad(`unknown attack; one of: ${ATTACK_NAMES.join(', ')}`);
      const params = b.params ?? {};
      if (!isStringRecord(params)) return bad('params must map at most 16 names to strings of at most 256 characters');
      const result = await lab.attacker.set(b.name as AttackName, params);
      return result.ok ? { status: 200, body: result.status } : bad(result.message);
    }
  }
  return { status: 404, body: { error: 'not found' } };
}
