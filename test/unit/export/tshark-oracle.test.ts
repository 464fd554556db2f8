// Wireshark's tshark reads the exports: the lab addresses on the packets, TCP streams reassembled,
// and with the key log the STARTTLS part decrypted down to the MAIL FROM command. Both ways in:
// `smtp-lab send --pcap --keylog` through a running lab's API, `smtp-lab run` headless, and a
// matrix cell's kept run through `smtp-lab matrix show`.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabServer, type LabServer } from '../../../engine/cli/lab-server.ts';
import { startLab, type StartedLab } from '../../../engine/lab/start-lab.ts';
import { runMatrix } from '../../../engine/matrix/run-matrix.ts';

const exec = promisify(execFile);
const cli = resolve(import.meta.dirname, '../../../bin/smtp-lab.js');
const TSHARK = (() => {
  try {
    execFileSync('tshark', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

async function tshark(pcap: string, keylog: string | null, filter: string, fields: string[]): Promise<string[][]> {
  const keys = keylog ? ['-o', `tls.keylog_file:${keylog}`] : [];
  const { stdout } = await exec('tshark', ['-r', pcap, ...keys, '-o', 'tcp.desegment_tcp_streams:TRUE', '-Y', filter, '-T', 'fields', ...fields.flatMap((f) => ['-e', f])], { env: { ...process.env, HOME: tmpdir() } });
  return stdout.split('\n').filter(Boolean).map((line) => line.split('\t'));
}

describe.skipIf(!TSHARK)('pcapng and key log exports read by tshark (skipped: Debian package tshark not installed)', () => {
  let dir: string;
  let lab: StartedLab;
  let server: LabServer;
  const smtpLab = (args: string[]) => exec(process.execPath, [cli, ...args], { env: { ...process.env, SMTP_LAB_DATA: join(dir, 'data'), SMTP_LAB_RUN: '', SMTP_LAB_LANG: 'en' } });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'smtp-lab-export-'));
    lab = await startLab({ dataDir: join(dir, 'data') });
    server = await startLabServer({ lab });
  }, 30_000);
  afterAll(async () => {
    await server?.close();
    await lab?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('smtp-lab send --pcap --keylog: lab addresses, and MAIL FROM read inside STARTTLS', async () => {
    const pcap = join(dir, 'send.pcapng');
    const keylog = join(dir, 'send.keys');
    const { stderr } = await smtpLab(['send', '--from', 'alice@sender.example', '--to', 'bob@example.jp', '--policy', 'opportunistic', '--pcap', pcap, '--keylog', keylog]);
    expect(stderr).toMatch(/wrote the keys of 1 of 1 TLS sessions/);
    const hosts = await tshark(pcap, null, 'ip', ['ip.src', 'ip.dst']);
    const seen = new Set(hosts.flat());
    expect(seen).toEqual(new Set(['198.51.100.25', '192.0.2.53', '192.0.2.25']));
    // Without the keys the envelope is not readable: MAIL FROM went inside TLS.
    expect(await tshark(pcap, null, 'smtp.req.command == "MAIL"', ['smtp.req.parameter'])).toEqual([]);
    const mail = await tshark(pcap, keylog, 'smtp.req.command == "MAIL"', ['ip.src', 'ip.dst', 'tcp.dstport', 'tls.record.version', 'smtp.req.parameter']);
    expect(mail).toHaveLength(1);
    expect(mail[0].slice(0, 3)).toEqual(['198.51.100.25', '192.0.2.25', '25']);
    expect(mail[0][3]).not.toBe('');
    expect(mail[0][4]).toMatch(/^FROM:<alice@sender\.example>/);
    // The plaintext part before STARTTLS is there too, and nothing is out of order or missing.
    // smtp.req.command is the first four letters only (STARTTLS reads as STAR): the whole line it is.
    const commands = (await tshark(pcap, keylog, 'smtp.req', ['smtp.command_line'])).map(([line]) => line.split(/[ \\]/)[0]);
    expect(commands).toEqual(['EHLO', 'STARTTLS', 'EHLO', 'MAIL', 'RCPT', 'DATA', 'QUIT']);
    expect(await tshark(pcap, null, 'tcp.analysis.flags && !tcp.analysis.window_update', ['frame.number'])).toEqual([]);
  }, 60_000);

  it('smtp-lab run FILE --pcap --keylog: the MTA-STS fetch and the SMTP session decrypt', async () => {
    const pcap = join(dir, 'run.pcapng');
    const keylog = join(dir, 'run.keys');
    const scenario = resolve(import.meta.dirname, '../../../scenarios/eavesdrop-vs-opportunistic.yaml');
    await smtpLab(['run', scenario, '--pcap', pcap, '--keylog', keylog]).catch((e: { code: number }) => expect(e.code).toBe(1));
    expect(readFileSync(keylog, 'utf8')).toMatch(/^CLIENT_TRAFFIC_SECRET_0 [0-9a-f]{64} /m);
    const mail = await tshark(pcap, keylog, 'smtp.req.command == "MAIL"', ['ip.dst', 'smtp.req.parameter']);
    expect(mail).toHaveLength(1);
    expect(mail[0][0]).toBe('192.0.2.25');
    expect(mail[0][1]).toMatch(/^FROM:<alice@sender\.example>/);
  }, 60_000);

  it('smtp-lab matrix show RUN --pcap --keylog: a kept run of the matrix decrypts too', async () => {
    const { cells } = await runMatrix({ dataDir: join(dir, 'data'), only: { attacks: ['eavesdrop'], defenses: ['starttls'], variants: false } });
    const pcap = join(dir, 'cell.pcapng');
    const keylog = join(dir, 'cell.keys');
    const { stderr } = await smtpLab(['matrix', 'show', cells[0].run, '--pcap', pcap, '--keylog', keylog]);
    expect(stderr).toMatch(/wrote the keys of 1 of 1 TLS sessions/);
    expect(await tshark(pcap, null, 'smtp.req.command == "MAIL"', ['smtp.req.parameter'])).toEqual([]);
    const mail = await tshark(pcap, keylog, 'smtp.req.command == "MAIL"', ['ip.src', 'ip.dst', 'smtp.req.parameter']);
    expect(mail).toHaveLength(1);
    expect(mail[0].slice(0, 2)).toEqual(['198.51.100.25', '192.0.2.25']);
    expect(mail[0][2]).toMatch(/^FROM:<alice@sender\.example>/);
  }, 60_000);
});
