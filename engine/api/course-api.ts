// The HTTP API's side for the lab terminal's course and editor commands: `lab list`, `lab reset`,
// `lab solve --here`, `lab dns add|replace|delete|mode`, `lab policy set`, `lab receiver`. Each a
// POST with a JSON body (GET /api/labs for the list), answered with JSON, calling the same services
// the UI's messages reach.
import { DNS_EDIT_OPS, type DnsEditOp } from '../../common/dns.ts';
import type { LabSolveReport } from '../../common/labs.ts';
import { isDnsName, isDnsType, isLabId } from '../../common/protocol.ts';
import { POLICY_HOST_LESSONS, type PolicyHostLesson } from '../../common/sender.ts';
import type { Course } from '../course/course.ts';
import type { ActionReply } from './action-reply.ts';
import { arcTrust } from './arc-api.ts';
import { dkimStatus } from './dkim-api.ts';
import { ispStatus } from './isp-api.ts';

export interface CourseApi {
  course: Course;
  /** Replays a lab's solution in this running lab (`lab solve --here`). */
  solveHere(id: string): Promise<LabSolveReport>;
}

export const COURSE_PATHS = ['/api/lab/open', '/api/lab/reset', '/api/lab/progress/reset', '/api/lab/solve', '/api/dns/edit', '/api/dns/mode', '/api/policy', '/api/receiver', '/api/dkim', '/api/isp', '/api/arc'] as const;

const bad = (error: string): ActionReply => ({ status: 400, body: { error } });
const field = (body: unknown, name: string): unknown => (body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined);

/** GET /api/labs: the labs with this user's progress, and which is open. */
export function labsList(api: CourseApi | undefined): unknown {
  return api ? { labs: api.course.list(), active: api.course.active } : undefined;
}

export async function courseAction(api: CourseApi | undefined, path: string, body: unknown): Promise<ActionReply> {
  if (!api) return { status: 404, body: { error: 'this lab has no guided labs' } };
  const { course } = api;
  const controls = course.controls;
  const id = field(body, 'id');
  switch (path) {
    case '/api/lab/open':
    case '/api/lab/reset': {
      if (id !== undefined && id !== null && !isLabId(id)) return bad('id: not a lab name');
      const result = path === '/api/lab/open' ? (isLabId(id) ? await course.open(id) : { ok: false as const, message: 'id: which lab to open' }) : await course.reset(isLabId(id) ? id : null);
      return result.ok ? { status: 200, body: { state: result.value, active: course.active } } : bad(result.message);
    }
    case '/api/lab/progress/reset': {
      if (!isLabId(id)) return bad('id: not a lab name');
      const result = course.resetProgress(id);
      return result.ok ? { status: 200, body: { state: result.value } } : bad(result.message);
    }
    case '/api/lab/solve':
      if (!isLabId(id)) return bad('id: not a lab name');
      return { status: 200, body: await api.solveHere(id) };
    case '/api/dns/edit': {
      const [op, name, type, value, ttl] = ['op', 'name', 'type', 'value', 'ttl'].map((k) => field(body, k));
      if (!DNS_EDIT_OPS.includes(op as DnsEditOp) || typeof name !== 'string' || name.length > 254 || !isDnsType(type)) return bad('op, name and type: e.g. {"op":"add","name":"_mta-sts.example.jp","type":"TXT","value":"v=STSv1; id=1"}');
      if (value !== undefined && (typeof value !== 'string' || value.length > 8192)) return bad('value: text of at most 8 KiB');
      if (ttl !== undefined && !(typeof ttl === 'number' && Number.isInteger(ttl) && ttl >= 0 && ttl < 2 ** 31)) return bad('ttl: seconds');
      const result = controls.dns.edit({ op: op as DnsEditOp, zone: '', name, type, ...(value !== undefined ? { value } : {}), ...(ttl !== undefined ? { ttl } : {}) });
      return { status: result.ok ? 200 : 400, body: result.ok ? result : { error: `${result.message} (${result.rule})`, ...result } };
    }
    case '/api/dns/mode': {
      const [zone, mode] = ['zone', 'mode'].map((k) => field(body, k));
      if (!isDnsName(zone) || typeof mode !== 'string') return bad('zone and mode: e.g. {"zone":"example.jp","mode":"unsigned"}');
      const result = controls.dns.setMode(zone, mode);
      return { status: result.ok ? 200 : 400, body: result.ok ? result : { error: `${result.message} (${result.rule})`, ...result } };
    }
    case '/api/policy': {
      const [domain, text, lesson] = ['domain', 'text', 'lesson'].map((k) => field(body, k));
      if (!isDnsName(domain) || typeof text !== 'string' || text.length > 1 << 20) return bad('domain and text: the policy file for https://mta-sts.DOMAIN/.well-known/mta-sts.txt');
      if (lesson !== undefined && lesson !== null && !POLICY_HOST_LESSONS.includes(lesson as PolicyHostLesson)) return bad(`lesson: one of ${POLICY_HOST_LESSONS.join(', ')}`);
      return { status: 200, body: controls.policyHost.set(domain, text, (lesson as PolicyHostLesson | null | undefined) ?? null) };
    }
    case '/api/receiver': {
      const [key, cert] = ['key', 'cert'].map((k) => field(body, k));
      if (cert === 'current' || cert === 'next') return { status: 200, body: { pem: controls.receiver.certificatePem(cert) } };
      if (key !== undefined && key !== 'current' && key !== 'next') return bad('key: current or next');
      if (key) await controls.receiver.apply({ key });
      return { status: 200, body: controls.receiver.status() };
    }
    case '/api/dkim': {
      const use = field(body, 'use');
      if (use !== undefined && use !== 'current' && use !== 'next') return bad('use: current or next');
      return { status: 200, body: dkimStatus(controls, use) };
    }
    case '/api/isp': {
      const op25b = field(body, 'op25b');
      if (op25b !== undefined && typeof op25b !== 'boolean') return bad('op25b: true or false');
      return { status: 200, body: ispStatus(controls.lab.network, op25b) };
    }
    case '/api/arc':
      return arcTrust(controls, body);
  }
  return { status: 404, body: { error: 'not found' } };
}
