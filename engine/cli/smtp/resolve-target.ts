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
    return { ok: false, message: `${host} is not a lab host. Lab hosts: ${Object.keys(hosts).join(', ')}` };
  }
  const [name, info] = entry;
  const loopbackPort = info.ports[String(port)];
  if (!loopbackPort) {
    const open = Object.keys(info.ports).join(', ') || 'none';
    return { ok: false, message: `${name} (${info.address}) has no service on port ${port}. Open ports: ${open}` };
  }
  return { ok: true, target: { name, address: info.address, labPort: port, loopbackPort } };
}
