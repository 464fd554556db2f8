import { isIP } from 'node:net';
import { text } from '../../../common/i18n/text.ts';
import { say } from '../cli-locale.ts';
import type { LabHostTable } from '../../../common/lab.ts';

export interface SmtpTarget {
  /** Lab hostname (also the TLS server name). */
  name: string;
  address: string;
  labPort: number;
  /** The port on 127.0.0.1 that carries this lab host's lab port. */
  loopbackPort: number;
}

export type ResolveResult = { ok: true; target: SmtpTarget } | { ok: false; message: string };

/** Resolves a lab hostname or lab address through the lab's own host table: nothing leaves the lab. */
export function resolveTarget(hosts: LabHostTable, host: string, port = 25): ResolveResult {
  const wanted = host.toLowerCase().replace(/\.$/, '');
  const entry = Object.entries(hosts).find(([name, h]) => name.toLowerCase() === wanted || h.address === wanted);
  if (!entry) {
    return { ok: false, message: say(text('smtpCli.notLabHost', { host, hosts: Object.keys(hosts).join(', ') })) };
  }
  const [name, info] = entry;
  const loopbackPort = info.ports[String(port)];
  if (!loopbackPort) {
    const open = Object.keys(info.ports).length ? Object.keys(info.ports).join(', ') : text('smtpCli.nonePorts');
    return { ok: false, message: say(text('smtpCli.noService', { name, address: info.address, port, open })) };
  }
  return { ok: true, target: { name, address: info.address, labPort: port, loopbackPort } };
}

/** An A lookup as the lab resolver answers it (the learner's client does not validate by default). */
export type LookupA = (name: string) => Promise<{ status: string; rcode: string; answers: string[] }>;

export type DnsResolveResult = { ok: true; target: SmtpTarget; note: string } | { ok: false; message: string };

/**
 * A lab hostname goes through the lab DNS like a real client's would (its A record), and only the
 * address it gets is mapped to a loopback port by the host table. A lab address is taken as it is.
 */
export async function resolveTargetViaDns(hosts: LabHostTable, host: string, port: number, lookupA: LookupA): Promise<DnsResolveResult> {
  const wanted = host.toLowerCase().replace(/\.$/, '');
  if (isIP(wanted)) {
    const direct = resolveTarget(hosts, wanted, port);
    return direct.ok ? { ...direct, note: '' } : direct;
  }
  const answer = await lookupA(wanted);
  const address = answer.answers.find((a) => isIP(a) === 4);
  if (!address) {
    return { ok: false, message: say(text('smtpCli.noA', { name: wanted, rcode: answer.rcode, status: answer.status, hosts: Object.keys(hosts).join(', ') })) };
  }
  const mapped = resolveTarget(hosts, address, port);
  if (!mapped.ok) return { ok: false, message: say(text('smtpCli.mappedBut', { name: wanted, address, problem: mapped.message })) };
  // The name typed stays the TLS server name: a spoofed address must not change whose certificate is expected.
  return { ok: true, target: { ...mapped.target, name: wanted }, note: say(text('smtpCli.hasAddress', { name: wanted, address, status: answer.status })) };
}
