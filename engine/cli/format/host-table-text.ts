import { text } from '../../../common/i18n/text.ts';
import type { LabHostTable } from '../../../common/lab.ts';
import { say } from '../cli-locale.ts';
import { displayWidth, padDisplay } from './display-width.ts';

/** The host table as the learner reads it in the terminal, with a hint for real tools. */
export function formatHostTable(hosts: LabHostTable): string {
  const rows: string[][] = [[say(text('hostTable.name')), say(text('hostTable.address')), say(text('hostTable.role')), say(text('hostTable.ports'))]];
  for (const [name, host] of Object.entries(hosts)) {
    const ports = Object.entries(host.ports);
    const role = say(text(`hostRole.${host.role}`));
    if (ports.length === 0) rows.push([name, host.address, role, '-']);
    ports.forEach(([labPort, loopback], i) =>
      rows.push(i === 0 ? [name, host.address, role, `${labPort} -> 127.0.0.1:${loopback}`] : ['', '', '', `${labPort} -> 127.0.0.1:${loopback}`]),
    );
  }
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => displayWidth(row[col]))));
  // One space between columns keeps a row within an 80-column terminal with every lab host listed.
  const lines = rows.map((row) => row.map((cell, col) => (col === row.length - 1 ? cell : padDisplay(cell, widths[col]))).join(' '));
  const hints: string[] = [];
  const smtp = firstPort(hosts, 'receiver', '25');
  if (smtp) {
    const domain = smtp.name.split('.').slice(1).join('.') || smtp.name;
    hints.push(
      `smtp ${smtp.name}`,
      `openssl s_client -starttls smtp -connect 127.0.0.1:${smtp.loopback}`,
      `swaks --server 127.0.0.1:${smtp.loopback} --to bob@${domain}`,
    );
  }
  for (const [name, host] of Object.entries(hosts)) {
    // RFC 6409: mail clients submit on 587 with SMTP AUTH; these are the lab's mailboxes.
    if (host.accounts?.length) {
      lines.push('', say(text('hostTable.accounts', { host: name })), ...host.accounts.map((a) => `  ${say(text('hostTable.account', { user: a.user, password: a.password, port: a.port }))}`));
    }
  }
  const dns = firstPort(hosts, 'dns', '53');
  if (dns) hints.push(`dig @127.0.0.1 -p ${dns.loopback} +dnssec ${smtp ? smtp.name.split('.').slice(1).join('.') : '.'} MX`);
  const label = say(text('hostTable.try'));
  if (hints.length > 0) lines.push('', ...hints.map((hint, i) => `${i === 0 ? label : ' '.repeat(displayWidth(label))}${hint}`));
  return `${lines.join('\n')}\n`;
}

function firstPort(hosts: LabHostTable, role: string, port: string): { name: string; loopback: number } | null {
  for (const [name, host] of Object.entries(hosts)) {
    if (host.role === role && host.ports[port]) return { name, loopback: host.ports[port] };
  }
  return null;
}
