// What the learner's SMTP session is waiting for, as a queue of expected replies (the shape of
// nodemailer's response actions). No sockets: fed with sent lines and received reply lines.

export interface ReplyDone {
  code: number;
  /** The reply that answered the learner's STARTTLS was 220: upgrade now (RFC 3207 §4). */
  startTls: boolean;
}

type Expectation = 'greeting' | 'command' | 'data' | 'starttls' | 'message';

const REPLY_LINE = /^(\d{3})([ -]|$)/;

export class ReplyTracker {
  private expected: Expectation[] = ['greeting'];
  private inMessage = false;
  private secure = false;

  /** The learner's line went out. */
  sent(line: string): void {
    if (this.inMessage) {
      // RFC 5321 §4.1.1.4: a line with a single "." ends the message text; one reply follows.
      if (line === '.') {
        this.inMessage = false;
        this.expected.push('message');
      }
      return;
    }
    const verb = line.trim().toUpperCase();
    if (verb === 'DATA') this.expected.push('data');
    else if (verb === 'STARTTLS' && !this.secure) this.expected.push('starttls');
    else this.expected.push('command');
  }

  /** A line from the server. Returns the completed reply on its last line, null on a continuation. */
  received(line: string): ReplyDone | null {
    const match = REPLY_LINE.exec(line);
    // RFC 5321 §4.2.1: "250-" continues a multiline reply, "250 " (or a bare code) ends it.
    if (!match || match[2] === '-') return null;
    const code = Number(match[1]);
    const answered = this.expected.shift() ?? 'command';
    if (answered === 'data' && code === 354) this.inMessage = true;
    const startTls = answered === 'starttls' && code === 220;
    if (startTls) {
      this.secure = true;
      // RFC 3207 §4.2: after the handshake the client knows nothing from before it.
      this.expected = [];
    }
    return { code, startTls };
  }

  /** Replies still owed by the server. */
  get pending(): number {
    return this.expected.length;
  }

  /** True while message text is being typed after DATA/354: lines get no reply of their own. */
  get typingMessage(): boolean {
    return this.inMessage;
  }

  /** True after STARTTLS went out and before its reply: later lines must wait for the handshake. */
  get awaitingStartTls(): boolean {
    return this.expected.includes('starttls');
  }
}
