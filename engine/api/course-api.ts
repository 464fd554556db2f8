// The HTTP API's side for the lab terminal's course and editor commands: `lab list`, `lab reset`,
// `lab solve --here`, `lab dns add|replace|delete|mode`, `lab policy set`, `lab receiver`. Each a
// POST with a JSON body (GET /api/labs for the list), answered with JSON, calling the same services
// the UI's messages reach.
import { DNS_EDIT_OPS, type DnsEditOp } from '../../common/dns.ts';
import type { LabSolveReport } from '../../common/labs.ts';
import { isDnsName, isDnsType, isLabId } from '../../common/protocol.ts';
import { POLICY_HOST_LESSONS, type PolicyHostLesson } from '../../common/sender.ts';
import type { Course } from '../course/course.ts';
import { refusal, type ActionReply } from './action-reply.ts';
import { messageOf, text, type Text } from '../../common/i18n/text.ts';
import { arcTrust } from './arc-api.ts';
import { dkimStatus } from './dkim-api.ts';
import { ispStatus } from './isp-api.ts';

export interface CourseApi {
  course: Course;
  /** Replays a lab's solution in this running lab (`lab solve --here`). */
  solveHere(id: string): Promise<LabSolveReport>;
}

export const COURSE_PATHS = ['/api/lab/open', '/api/lab/reset', '/api/lab/progress/reset', '/api/lab/solve', '/api/dns/edit', '/api/dns/mode', '/api/policy', '/api/receiver', '/api/dkim', '/api/isp', '/api/arc'] as const;

const bad = (sentence: Text | string): ActionReply => refusal(400, sentence);
/** A refusal of the zone editor: its sentence and the rule, beside the fields of its result. */
const zoneRefusal = (result: { message: string; messageText?: Text; rule: string }): ActionReply => {
  const said = refusal(400, text('httpApi.withRule', { message: messageOf(result), rule: result.rule }));
  return { status: 400, body: { ...result, ...(said.body as object) } };
};
const field = (body: unknown, name: string): unknown => (body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined);

/** GET /api/labs: the labs with this user's progress, and which is open. */
export function labsList(api: CourseApi | undefined): unknown {
  return api ? { labs: api.course.list(), active: api.course.active } : undefined;
}

export async function courseAction(api: CourseApi | undefined, path: string, body: unknown): Promise<ActionReply> {
  if (!api) return refusal(404, text('api.noCourse'));
  const { course } = api;
  const controls = course.controls;
  const id = field(body, 'id');
  switch (path) {
    case '/api/lab/open':
    case '/api/lab/reset': {
      if (id !== undefined && id !== null && !isLabId(id)) return bad(text('httpApi.notLabName'));
      if (path === '/api/lab/open' && !isLabId(id)) return bad(text('httpApi.whichLab'));
      const result = path === '/api/lab/open' ? await course.open(id as string) : await course.reset(isLabId(id) ? id : null);
      return result.ok ? { status: 200, body: { state: result.value, active: course.active } } : bad(messageOf(result));
    }
    case '/api/lab/progress/reset': {
      if (!isLabId(id)) return bad(text('httpApi.notLabName'));
      const result = course.resetProgress(id);
      return result.ok ? { status: 200, body: { state: result.value } } : bad(messageOf(result));
    }
    case '/api/lab/solve':
      if (!isLabId(id)) return bad(text('httpApi.notLabName'));
      return { status: 200, body: await api.solveHere(id) };
    case '/api/dns/edit': {
      const [op, name, type, value, ttl] = ['op', 'name', 'type', 'value', 'ttl'].map((k) => field(body, k));
      if (!DNS_EDIT_OPS.includes(op as DnsEditOp) || typeof name !== 'string' || name.length > 254 || !isDnsType(type)) return bad(text('httpApi.dnsEditFields', { example: '{"op":"add","name":"_mta-sts.example.jp","type":"TXT","value":"v=STSv1; id=1"}' }));
      if (value !== undefined && (typeof value !== 'string' || value.length > 8192)) return bad(text('httpApi.dnsValue'));
      if (ttl !== undefined && !(typeof ttl === 'number' && Number.isInteger(ttl) && ttl >= 0 && ttl < 2 ** 31)) return bad(text('httpApi.ttl'));
      const result = controls.dns.edit({ op: op as DnsEditOp, zone: '', name, type, ...(value !== undefined ? { value } : {}), ...(ttl !== undefined ? { ttl } : {}) });
      return result.ok ? { status: 200, body: result } : zoneRefusal(result);
    }
    case '/api/dns/mode': {
      const [zone, mode] = ['zone', 'mode'].map((k) => field(body, k));
      if (!isDnsName(zone) || typeof mode !== 'string') return bad(text('httpApi.dnsModeFields', { example: '{"zone":"example.jp","mode":"unsigned"}' }));
      const result = controls.dns.setMode(zone, mode);
      return result.ok ? { status: 200, body: result } : zoneRefusal(result);
    }
    case '/api/policy': {
      const [domain, policy, lesson] = ['domain', 'text', 'lesson'].map((k) => field(body, k));
      if (!isDnsName(domain) || typeof policy !== 'string' || policy.length > 1 << 20) return bad(text('httpApi.policyFields', { url: 'https://mta-sts.DOMAIN/.well-known/mta-sts.txt' }));
      if (lesson !== undefined && lesson !== null && !POLICY_HOST_LESSONS.includes(lesson as PolicyHostLesson)) return bad(text('httpApi.lesson', { lessons: POLICY_HOST_LESSONS.join(', ') }));
      return { status: 200, body: controls.policyHost.set(domain, policy, (lesson as PolicyHostLesson | null | undefined) ?? null) };
    }
    case '/api/receiver': {
      const [key, cert] = ['key', 'cert'].map((k) => field(body, k));
      if (cert === 'current' || cert === 'next') return { status: 200, body: { pem: controls.receiver.certificatePem(cert) } };
      if (key !== undefined && key !== 'current' && key !== 'next') return bad(text('httpApi.currentOrNext', { field: 'key' }));
      if (key) await controls.receiver.apply({ key });
      return { status: 200, body: controls.receiver.status() };
    }
    case '/api/dkim': {
      const use = field(body, 'use');
      if (use !== undefined && use !== 'current' && use !== 'next') return bad(text('httpApi.currentOrNext', { field: 'use' }));
      return { status: 200, body: dkimStatus(controls, use) };
    }
    case '/api/isp': {
      const op25b = field(body, 'op25b');
      if (op25b !== undefined && typeof op25b !== 'boolean') return bad(text('httpApi.op25b'));
      return { status: 200, body: ispStatus(controls.lab.network, op25b) };
    }
    case '/api/arc':
      return arcTrust(controls, body);
  }
  return refusal(404, text('httpApi.notFound'));
}
