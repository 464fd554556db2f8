// A bare SMTP client for real-socket tests: writes exactly the bytes it is given and reads
// whole replies, with a deadline on every wait.
import net from 'node:net';
import tls from 'node:tls';

const REPLY_END = /(?:^|\r?\n)\d{3}(?: [^\n]*)?\r?\n$/;

export class WireClient {
  private buffer = '';
  private waiter: (() => void) | null = null;
  private ended = false;
  socket: net.Socket | tls.TLSSocket;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    this.listen(socket);
  }

  static connect(port: number): Promise<WireClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: '127.0.0.1', port, noDelay: true }, () => resolve(new WireClient(socket)));
      socket.once('error', reject);
    });
  }

  private listen(socket: net.Socket): void {
    socket.on('data', (d: Buffer) => {
      this.buffer += d.toString('latin1');
      this.waiter?.();
    });
    socket.on('close', () => {
      this.ended = true;
      this.waiter?.();
    });
    socket.on('error', () => {});
  }

  /** The next whole reply (all lines of a multi-line reply); rejects on close or timeout. */
  reply(timeoutMs = 3000): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new Error(`no reply within ${timeoutMs} ms; got ${JSON.stringify(this.buffer)}`));
      }, timeoutMs);
      const check = () => {
        const lines = this.buffer.split(/(?<=\n)/);
        let text = '';
        for (const line of lines) {
          text += line;
          if (REPLY_END.test(text)) {
            this.buffer = this.buffer.slice(text.length);
            clearTimeout(timer);
            this.waiter = null;
            resolve(text);
            return;
          }
        }
        if (this.ended) {
          clearTimeout(timer);
          this.waiter = null;
          reject(new Error(`connection closed; unread ${JSON.stringify(this.buffer)}`));
        }
      };
      this.waiter = check;
      check();
    });
  }

  send(data: string | Buffer): void {
    this.socket.write(data);
  }

  async command(line: string): Promise<string> {
    this.send(`${line}\r\n`);
    return this.reply();
  }

  /** STARTTLS, expecting 220, then the handshake on the same connection (RFC 3207 §4). */
  async starttls(ca: string, options: tls.ConnectionOptions = {}): Promise<tls.TLSSocket> {
    const answer = await this.command('STARTTLS');
    if (!answer.startsWith('220')) throw new Error(`STARTTLS refused: ${answer}`);
    return this.upgrade(ca, options);
  }

  /** The TLS handshake on this connection, once the server said 220 to STARTTLS. */
  async upgrade(ca: string, options: tls.ConnectionOptions = {}): Promise<tls.TLSSocket> {
    const plain = this.socket as net.Socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    const secure = tls.connect({ socket: plain, servername: 'mx.example.jp', ca, ...options });
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', resolve);
      secure.once('error', reject);
    });
    this.socket = secure;
    this.listen(secure);
    return secure;
  }

  /** Resolves when the server closed the connection (within the deadline). */
  closed(timeoutMs = 3000): Promise<void> {
    if (this.ended) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('connection still open')), timeoutMs);
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  get isClosed(): boolean {
    return this.ended;
  }

  destroy(): void {
    this.socket.destroy();
  }
}
