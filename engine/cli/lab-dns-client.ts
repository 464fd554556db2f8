// Lookups through a running lab's resolver (GET /api/dns/query), so the learner's tools resolve
// only inside the lab and every lookup shows in the lab's trace as coming from the terminal.
import type { Locale } from '../../common/protocol.ts';
import type { LabRunInfo } from '../../common/lab.ts';
import type { DnsQueryReply } from '../dns/lab/dns-service.ts';
import { apiGet } from './lab-client.ts';

/** Whether the run file lists a name server, i.e. the lab runs its DNS. */
export function runHasDns(run: LabRunInfo): boolean {
  return Object.values(run.hosts).some((host) => host.role === 'dns');
}

export async function labDnsQuery(run: LabRunInfo, name: string, type: string, validate: boolean, locale: Locale = 'en'): Promise<DnsQueryReply> {
  const query = new URLSearchParams({ name, type, validate: validate ? '1' : '0', lang: locale });
  const reply = await apiGet<DnsQueryReply | { error: string }>(run, `/api/dns/query?${query}`);
  if ('error' in reply) throw new Error(reply.error);
  return reply;
}
