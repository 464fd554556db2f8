// Sends large messages to an SMTP port as fast as the server takes them, one session each.
import net from 'node:net';

const REPLY_END = /(?:^|\n)\d{3} [^\n]*\n$/;

/** One plaintext session: EHLO, MAIL, RCPT, DATA with `size` octets of body, QUIT. Resolves with the reply to the final dot. */
export function sendLarge(port: number, size: number, subject: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let buffer = '';
    let step = 0;
    let final = '';
    const line = 'x'.repeat(76) + '\r\n';
    const body = Buffer.from(line.repeat(Math.ceil(size / line.length)).slice(0, size - (size % line.length)));
    const steps: (() => void)[] = [
      () => socket.write('EHLO flood.example\r\n'),
      () => socket.write('MAIL FROM:<flood@sender.example>\r\n'),
      () => socket.write('RCPT TO:<bob@example.jp>\r\n'),
      () => socket.write('DATA\r\n'),
      () => {
        socket.write(`Subject: ${subject}\r\n\r\n`);
        socket.write(body);
        socket.write('.\r\n');
      },
      () => socket.end('QUIT\r\n'),
    ];
    socket.setTimeout(120_000, () => socket.destroy(new Error('flood session timed out')));
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      if (!REPLY_END.test(buffer)) return;
      const reply = buffer;
      buffer = '';
      if (step === 5) final = reply;
      if (step < steps.length) steps[step++]();
    });
    socket.on('error', reject);
    socket.on('close', () => (final ? resolve(final.trim()) : reject(new Error(`session ended early: ${buffer.trim()}`))));
  });
}

/** Resident set size of a process in bytes (Linux /proc). */
export async function rssOf(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return kb * 1024;
}
