// POST /api/checker {"domain": "example.jp"}: the mail checker's report for `smtp-lab checker`.
import { isDnsName } from '../../common/protocol.ts';
import type { LabRuntime } from '../lab/lab-runtime.ts';
import { messageOf, text } from '../../common/i18n/text.ts';
import { refusal, type ActionReply } from './action-reply.ts';

export const CHECKER_PATH = '/api/checker';

export async function checkerAction(lab: LabRuntime, body: unknown): Promise<ActionReply> {
  if (!lab.checker) return refusal(404, text('api.noChecker'));
  const domain = (body as { domain?: unknown } | null)?.domain;
  if (!isDnsName(domain)) return refusal(400, text('httpApi.domainName'));
  const run = await lab.checker.run(domain);
  return run.ok ? { status: 200, body: run.report } : refusal(400, messageOf(run));
}
