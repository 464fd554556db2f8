// POST /api/checker {"domain": "example.jp"}: the mail checker's report for `smtp-lab checker`.
import { isDnsName } from '../../common/protocol.ts';
import type { LabRuntime } from '../lab/lab-runtime.ts';
import type { ActionReply } from './action-reply.ts';

export const CHECKER_PATH = '/api/checker';

export async function checkerAction(lab: LabRuntime, body: unknown): Promise<ActionReply> {
  if (!lab.checker) return { status: 404, body: { error: 'this lab has no mail checker' } };
  const domain = (body as { domain?: unknown } | null)?.domain;
  if (!isDnsName(domain)) return { status: 400, body: { error: 'domain must be a domain name' } };
  const run = await lab.checker.run(domain);
  return run.ok ? { status: 200, body: run.report } : { status: 400, body: { error: run.message } };
}
