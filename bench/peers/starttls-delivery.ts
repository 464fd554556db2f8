// One SMTP delivery with STARTTLS (RFC 3207), as a client: banner, EHLO, STARTTLS, the TLS
// handshake with the server's certificate verified against the given CA and name, EHLO again
// (RFC 3207 §4.2), MAIL, RCPT, DATA, QUIT. Throws on any reply it did not expect.
import { connect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

export interface DeliveryTarget {
  port: number;
  caPem: string;
  serverName: string;
  from: string;
  to: string;
}

interface Reply {
  code: number;
  lines: string[];
}

/** Reads whole SMTP replies (multi-line ones end at "NNN "; RFC 5321 §4.2.1) from a socket. */
function replies(socket: Socket) {
  let buffer = '';
  const ready: Reply[] = [];
  let pending: Reply['lines'] = [];
  let waiter: ((reply: Reply) => void) | null = null;
  let failure: Error | null = null;
  let fail: ((error: Error) => void) | null = null;
  const onData = (chunk: Buffer) => {
    buffer += chunk.toString('latin1');
    let end: number;
    while ((end = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      pending.push(line);
      if (line[3] !== '-') {
        const reply = { code: Number(line.slice(0, 3)), lines: pending };
        pending = [];
        if (waiter) {
          const take = waiter;
          waiter = null;
          fail = null;
          take(reply);
        } else ready.push(reply);
      }
    }
  };
  const onEnd = (error?: Error) => {
    failure = error ?? new Error('connection closed');
    fail?.(failure);
  };
  socket.on('data', onData);
  socket.on('error', onEnd);
  socket.on('close', () => onEnd());
  return {
    next(): Promise<Reply> {
      const queued = ready.shift();
      if (queued) return Promise.resolve(queued);
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => ((waiter = resolve), (fail = reject)));
    },
    detach() {
      socket.off('data', onData);
      socket.removeAllListeners('error');
      socket.removeAllListeners('close');
    },
  };
}

async function expect(reader: ReturnType<typeof replies>, code: number, after: string): Promise<Reply> {
  const reply = await reader.next();
  if (reply.code !== code) throw new Error(`after ${after}: expected ${code}, got ${reply.lines.join(' | ')}`);
  return reply;
}

export async function deliverWithStarttls(target: DeliveryTarget, timeoutMs = 10_000): Promise<void> {
  const plain = connect({ host: '127.0.0.1', port: target.port });
  plain.setNoDelay(true);
  plain.setTimeout(timeoutMs, () => plain.destroy(new Error(`no progress within ${timeoutMs} ms`)));
  try {
    let reader = replies(plain);
    await expect(reader, 220, 'connect');
    plain.write('EHLO client.lab.example\r\n');
    const ehlo = await expect(reader, 250, 'EHLO');
    if (!ehlo.lines.some((line) => line.slice(4).toUpperCase() === 'STARTTLS')) throw new Error('STARTTLS not offered');
    plain.write('STARTTLS\r\n');
    await expect(reader, 220, 'STARTTLS');
    reader.detach();
    const secure = tlsConnect({ socket: plain, ca: target.caPem, servername: target.serverName });
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', resolve);
      secure.once('error', reject);
    });
    reader = replies(secure as unknown as Socket);
    secure.write('EHLO client.lab.example\r\n');
    await expect(reader, 250, 'EHLO after STARTTLS');
    secure.write(`MAIL FROM:<${target.from}>\r\n`);
    await expect(reader, 250, 'MAIL');
    secure.write(`RCPT TO:<${target.to}>\r\n`);
    await expect(reader, 250, 'RCPT');
    secure.write('DATA\r\n');
    await expect(reader, 354, 'DATA');
    secure.write(`From: <${target.from}>\r\nTo: <${target.to}>\r\nSubject: bench\r\n\r\nOne STARTTLS delivery.\r\n.\r\n`);
    await expect(reader, 250, 'end of data');
    secure.write('QUIT\r\n');
    await expect(reader, 221, 'QUIT');
    secure.end();
  } finally {
    plain.destroy();
  }
}

/** Connects, waits for the 220 banner, says QUIT: the server answers SMTP. */
export async function bannerAnswered(port: number, timeoutMs = 1000): Promise<string> {
  const socket = connect({ host: '127.0.0.1', port });
  socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no banner within ${timeoutMs} ms`)));
  try {
    const reader = replies(socket);
    const banner = await expect(reader, 220, 'connect');
    socket.write('QUIT\r\n');
    return banner.lines.join('\n');
  } finally {
    socket.end();
  }
}
