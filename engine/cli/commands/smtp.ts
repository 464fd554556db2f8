import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { text } from '../../../common/i18n/text.ts';
import { errorSentence } from '../../../common/i18n/text-error.ts';
import { say } from '../cli-locale.ts';
import type { LabHostTable } from '../../../common/lab.ts';
import { apiGet, requireRun } from '../lab-client.ts';
import { lineCap } from '../read-capped.ts';
import { dataDirOfRunFile } from '../run-files.ts';
import { labDnsQuery, runHasDns } from '../lab-dns-client.ts';
import { resolveTarget, resolveTargetViaDns } from '../smtp/resolve-target.ts';
import { runSmtpSession } from '../smtp/smtp-session.ts';

export const summary = 'talk SMTP by hand to a lab host: smtp HOST [PORT]  (e.g. smtp mx.example.jp)';

const usage = () => `usage: smtp HOST [PORT]   ${say(text('cliUsage.eg', { example: 'smtp mx.example.jp' }))}   ${say(text('smtpUsage.hosts', { command: 'lab hosts' }))}\n`;

export async function run(argv: string[]): Promise<number> {
  const [host, portText, ...extra] = argv;
  if (host === '--help' || host === '-h') {
    process.stdout.write(usage());
    return 0;
  }
  if (!host || host.startsWith('-') || extra.length > 0) {
    process.stderr.write(usage());
    return 2;
  }
  const port = portText === undefined ? 25 : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    process.stderr.write(`smtp: ${say(text('cliArgs.notPort', { value: portText ?? '' }))}\n${usage()}`);
    return 2;
  }
  const found = requireRun();
  // The lab's current table: hosts the attacker starts (its impostor) get their ports while it runs.
  const hosts = await apiGet<LabHostTable>(found.info, '/api/hosts').catch(() => found.info.hosts);
  const resolved = runHasDns(found.info)
    ? await resolveTargetViaDns(hosts, host, port, async (name) => (await labDnsQuery(found.info, name, 'A', false)).answer)
    : resolveTarget(hosts, host, port);
  if (!resolved.ok) {
    process.stderr.write(`smtp: ${resolved.message}\n`);
    return 2;
  }
  if ('note' in resolved && resolved.note) process.stdout.write(`${resolved.note}\n`);
  const caPath = join(dataDirOfRunFile(found.path), 'pki', 'ca.pem');
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  // Piped input has no line editor to stop a line that never ends (cat /dev/zero | smtp ...).
  const input = interactive ? process.stdin : process.stdin.pipe(lineCap());
  input.on('error', (error: Error) => {
    process.stderr.write(`smtp: ${say(text('cliArgs.inputStopped', { error: errorSentence(error) }))}\n`);
    process.exit(1);
  });
  return runSmtpSession({
    target: resolved.target,
    ca: existsSync(caPath) ? { pem: readFileSync(caPath, 'utf8'), path: caPath } : null,
    input,
    output: process.stdout,
    interactive,
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  });
}
