import type { LabHostTable } from '../../../common/lab.ts';

/** The host table as the learner reads it in the terminal, with a hint for real tools. */
export function formatHostTable(hosts: LabHostTable): string {
  const rows: string[][] = [['NAME', 'LAB ADDRESS', 'ROLE', 'LAB PORT -> LOOPBACK']];
  for (const [name, host] of Object.entries(hosts)) {
    const ports = Object.entries(host.ports);
    if (ports.length === 0) rows.push([name, host.address, host.role, '-']);
    ports.forEach(([labPort, loopback], i) =>
      rows.push(i === 0 ? [name, host.address, host.role, `${labPort} -> 127.0.0.1:${loopback}`] : ['', '', '', `${labPort} -> 127.0.0.1:${loopback}`]),
    );
  }
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  const lines = rows.map((row) => row.map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col]))).join('  '));
  const smtpPort = firstSmtpPort(hosts);
  if (smtpPort) {
    lines.push(
      '',
      `Try: smtp ${smtpPort.name}`,
      `     openssl s_client -starttls smtp -connect 127.0.0.1:${smtpPort.loopback}`,
      `     swaks --server 127.0.0.1:${smtpPort.loopback} --to bob@${smtpPort.name.split('.').slice(1).join('.') || smtpPort.name}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function firstSmtpPort(hosts: LabHostTable): { name: string; loopback: number } | null {
  for (const [name, host] of Object.entries(hosts)) {
    if (host.role === 'receiver' && host.ports['25']) return { name, loopback: host.ports['25'] };
  }
  return null;
}
