import type { LabHost, LabHostTable } from '../../common/lab.ts';

/** The JSON form of the host table (`serve --json`, `hosts --json`, GET /api/hosts). */
export function toHostTable(hosts: LabHost[]): LabHostTable {
  const table: LabHostTable = {};
  for (const host of hosts) table[host.name] = { address: host.address, role: host.role, ports: { ...host.ports }, ...(host.accounts ? { accounts: host.accounts.map((a) => ({ ...a })) } : {}) };
  return table;
}
