// The learner's SMTP client: their lines out with CRLF, the server's replies in as they come, and
// STARTTLS upgrading the same TCP connection in place when the server answers 220 (RFC 3207 §4).
import { text } from '../../../common/i18n/text.ts';
import { say } from '../cli-locale.ts';
import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { StringDecoder } from 'node:string_decoder';
import type { Readable, Writable } from 'node:stream';
import { LineInput } from './line-input.ts';
import { ReplyTracker } from './reply-tracker.ts';
import type { SmtpTarget } from './resolve-target.ts';
import { describeTls } from './tls-report.ts';
import { Transcript } from './transcript.ts';

export interface SmtpSessionOptions {
  target: SmtpTarget;
  /** The lab root CA (PEM) the server certificate is checked against, and where it came from. */
  ca: { pem: string; path: string } | null;
  input: Readable;
  output: Writable & { columns?: number; isTTY?: boolean };
  /** Terminal mode: line editing, colours, lines sent as typed. Else lines wait for replies. */
  interactive: boolean;
  color: boolean;
}

const QUIT_GRACE_MS = 3000;
const END_OF_INPUT_WAIT_MS = 10_000;

export function runSmtpSession(options: SmtpSessionOptions): Promise<number> {
  const { target, interactive } = options;
  const tracker = new ReplyTracker();
  const queue: string[] = [];
  let socket: Socket | TLSSocket;
  let secure = false;
  let upgrading = false;
  let inputEnded = false;
  let quitSent = false;
  let finished = false;
  let decoder = new StringDecoder('utf8');
  let partial = '';
  let endWaitTimer: NodeJS.Timeout | undefined;

  return new Promise<number>((resolve) => {
    const input = new LineInput(options.input, options.output, interactive, {
      line: (text) => {
        queue.push(text);
        pump();
      },
      end: () => {
        inputEnded = true;
        endWaitTimer = setTimeout(() => sayGoodbye(), END_OF_INPUT_WAIT_MS);
        pump();
      },
      interrupt: () => {
        transcript.note(say(text('smtpCli.interrupted')));
        finish(130);
      },
    });
    const transcript = new Transcript((line) => input.print(line), options.color);

    const finish = (code: number) => {
      if (finished) return;
      finished = true;
      clearTimeout(endWaitTimer);
      socket.destroy();
      input.close();
      resolve(code);
    };

    const send = (line: string) => {
      socket.write(`${line}\r\n`);
      tracker.sent(line);
      transcript.sent(line, secure);
      if (/^\s*quit\s*$/i.test(line)) quitSent = true;
    };

    // Piped input is paced like a person at a keyboard: each command waits for the reply to the
    // previous one. Typed input goes out at once. Both wait for the STARTTLS handshake, since
    // anything sent before it would be discarded by the server (RFC 3207 §6).
    const pump = () => {
      while (queue.length > 0 && !finished) {
        if (upgrading || tracker.awaitingStartTls) return;
        if (!interactive && tracker.pending > 0 && !tracker.typingMessage) return;
        send(queue.shift()!);
      }
      // Ctrl-D on a terminal ends now; the end of piped input first waits for the replies owed.
      if (inputEnded && queue.length === 0 && (interactive || tracker.pending === 0 || tracker.typingMessage)) sayGoodbye();
    };

    const sayGoodbye = () => {
      if (finished || quitSent || upgrading) return;
      quitSent = true;
      if (tracker.typingMessage) {
        transcript.note(say(text('smtpCli.eofInData')));
        socket.end();
      } else {
        transcript.note(say(text('smtpCli.eof')));
        send('QUIT');
      }
      setTimeout(() => finish(0), QUIT_GRACE_MS).unref();
    };

    const onData = (chunk: Buffer) => {
      partial += decoder.write(chunk);
      let newline: number;
      while ((newline = partial.indexOf('\n')) >= 0 && !upgrading) {
        const line = partial.slice(0, newline).replace(/\r$/, '');
        partial = partial.slice(newline + 1);
        transcript.received(line, secure);
        const done = tracker.received(line);
        if (done?.startTls) upgrade();
      }
      pump();
    };

    const onClose = () => {
      if (finished || upgrading) return;
      if (partial) transcript.received(partial, secure);
      transcript.note(say(text(quitSent ? 'smtpCli.closed' : 'smtpCli.closedByServer')));
      finish(0);
    };

    const attach = (s: Socket | TLSSocket) => {
      socket = s;
      s.on('data', onData);
      s.on('close', onClose);
      s.on('error', (error: Error) => {
        transcript.error(error.message);
        finish(1);
      });
    };

    const upgrade = () => {
      upgrading = true;
      const plain = socket as Socket;
      plain.removeAllListeners('data');
      plain.removeAllListeners('close');
      plain.removeAllListeners('error');
      // Bytes after the 220 were sent before TLS: discard them (RFC 3207 §4.2).
      partial = '';
      decoder = new StringDecoder('utf8');
      transcript.note(say(text('smtpCli.startingTls', { host: target.name })));
      const tls = tlsConnect({
        socket: plain,
        servername: target.name,
        ca: options.ca ? [options.ca.pem] : [],
        // The learner sees whether the certificate verified; a failed check must not hide the session.
        rejectUnauthorized: false,
      });
      socket = tls;
      tls.once('error', (error: Error) => {
        if (!upgrading) return;
        transcript.error(say(text('smtpCli.handshakeFailed', { error: error.message })));
        upgrading = false;
        finish(1);
      });
      tls.once('secureConnect', () => {
        for (const note of describeTls(tls, options.ca?.path ?? null)) transcript.note(note);
        secure = true;
        upgrading = false;
        tls.removeAllListeners('error');
        attach(tls);
        pump();
      });
    };

    transcript.note(say(text('smtpCli.connecting', { name: target.name, address: target.address, port: target.labPort, loopback: target.loopbackPort })));
    const tcp = tcpConnect({ host: '127.0.0.1', port: target.loopbackPort });
    tcp.setNoDelay(true);
    attach(tcp);
    tcp.once('connect', () => {
      transcript.note(say(text(interactive ? 'smtpCli.connectedInteractive' : 'smtpCli.connected')));
    });
  });
}
