// openssl s_client as the learner runs it against the lab receiver: the oracle for what a
// main.cf setting does to a real handshake.
import { execFileSync, spawn } from 'node:child_process';

export interface SClientResult {
  /** Everything s_client printed (stdout and stderr). */
  output: string;
  /** The protocol and cipher of the "New, ..." line; null when no session was made. */
  session: { protocol: string; cipher: string } | null;
  /** The certificates of the chain the server sent (-showcerts). */
  certificates: number;
  verifyCode: number | null;
}

export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version']);
    return true;
  } catch {
    return false;
  }
}

/** s_client -starttls smtp with extra arguments; `input` is typed after the handshake. */
export function sClient(port: number, args: string[], input = 'QUIT\r\n', caPath?: string): Promise<SClientResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('openssl', ['s_client', '-starttls', 'smtp', '-connect', `127.0.0.1:${port}`, '-servername', 'mx.example.jp', '-showcerts', ...(caPath ? ['-CAfile', caPath] : []), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill(), 10_000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      const m = /^New, (\S+), Cipher is (\S+)/m.exec(output);
      const verify = /Verify return code: (\d+)/.exec(output);
      resolve({
        output,
        session: m && !m[1].startsWith('(NONE)') ? { protocol: m[1].replace(/,$/, ''), cipher: m[2] } : null,
        certificates: (output.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length,
        verifyCode: verify ? Number(verify[1]) : null,
      });
    });
    // Typed a moment after the handshake, as a learner would.
    setTimeout(() => child.stdin.end(input), 400);
  });
}
