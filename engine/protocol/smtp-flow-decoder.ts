// One SMTP connection as seen on the wire, sans-IO: fed the bytes of each direction, it
// returns trace rows (commands, replies, DATA bodies, and after STARTTLS + 220 the TLS
// records). It follows the dialogue the way both peers do: each command waits for its reply,
// and the client's bytes after DATA, STARTTLS or an AUTH step are read only once the reply
// to that command says what they are.

import type { SmtpDataDetail } from '../../common/trace-details-wire.ts';
import { rawOf, type DecodedEvent, type WireDir } from './decoded-event.ts';
import { DEFAULT_MAX_PENDING, LineSplitter, type WireLine } from './line-splitter.ts';
import type { AuthExchange } from './smtp-auth.ts';
import { DataScanner, type DataSummary } from './smtp-data.ts';
import { ReplyAssembler, type SmtpReply } from './smtp-reply.ts';
import { PlaintextBeforeTls } from './plaintext-before-tls.ts';
import { authResponseRow, commandRow, continuationRow, replyAfterStarttlsRow, replyRow, type RowContext } from './smtp-rows.ts';
import { TlsFlow } from './tls-flow.ts';

export interface SmtpFlowOptions {
  /**
   * The bytes are the plaintext inside a TLS session (as the receiver decrypted them): rows
   * are marked encrypted and insideTls, and no greeting is expected (RFC 3207 §4.2).
   */
  insideTls?: boolean;
}

const GREETING = 'greeting';
const MESSAGE = 'message';
const AUTH_RESPONSE = 'auth-response';
// The client must wait for the reply to these before what it sends next can be read
// (RFC 5321 §4.1.1.4 DATA, RFC 3207 §4 STARTTLS, RFC 4954 §4 AUTH).
const WAITS_FOR_REPLY = new Set(['DATA', 'STARTTLS', 'AUTH', AUTH_RESPONSE]);
const TLS_HANDSHAKE = 0x16;
const MAX_HELD = 1 << 20;

export class SmtpFlowDecoder {
  private readonly client = new LineSplitter();
  private readonly server = new LineSplitter();
  private readonly replies = new ReplyAssembler();
  private readonly pending: string[] = [];
  private readonly ctx: RowContext;
  private clientMode: 'command' | 'data' | 'auth-response' = 'command';
  private holdFor: string | null = null;
  private held: Buffer[] = [];
  private heldOctets = 0;
  private closing = false;
  private data: DataScanner | null = null;
  private auth: AuthExchange | null = null;
  private tlsFlow: TlsFlow | null = null;
  private serverBeforeTls: PlaintextBeforeTls | null = null;

  constructor(options: SmtpFlowOptions = {}) {
    const insideTls = options.insideTls ?? false;
    this.ctx = { visibility: insideTls ? 'encrypted' : 'plaintext', insideTls };
    if (!insideTls) this.pending.push(GREETING);
  }

  /** The TLS side of the connection once STARTTLS succeeded, else null. */
  get tls(): TlsFlow | null {
    return this.tlsFlow;
  }

  feed(dir: WireDir, chunk: Buffer): DecodedEvent[] {
    if (this.tlsFlow) return dir === 's2c' && this.serverBeforeTls ? this.feedServerBeforeTls(this.tlsFlow, this.serverBeforeTls, chunk) : this.tlsFlow.feed(dir, chunk);
    const out: DecodedEvent[] = [];
    if (dir === 'c2s') {
      if (this.holdFor) this.hold(chunk);
      else if (this.clientMode === 'data' && this.client.buffered > 0) this.feedBody(chunk, out);
      else {
        this.client.push(chunk);
        this.drainClient(out);
      }
    } else {
      this.server.push(chunk);
      this.drainServer(out);
    }
    return out;
  }

  /**
   * A body line split over chunks is completed with the new chunk's first line alone, and the
   * rest of the chunk then read in place: joining the whole chunk to the few octets left over
   * would copy every octet of a large message once more.
   */
  private feedBody(chunk: Buffer, out: DecodedEvent[]): void {
    const lf = chunk.indexOf(0x0a);
    const head = lf < 0 ? chunk.length : lf + 1;
    this.client.push(chunk.subarray(0, head));
    this.drainClient(out);
    if (head < chunk.length) for (const row of this.feed('c2s', chunk.subarray(head))) out.push(row);
  }

  /** Rows for what was left unfinished when the connection closed. */
  finish(): DecodedEvent[] {
    if (this.tlsFlow) {
      const out: DecodedEvent[] = [];
      if (this.serverBeforeTls) {
        this.server.push(this.serverBeforeTls.takePending());
        this.readRepliesBeforeTls(out, true);
      }
      return [...out, ...this.tlsFlow.finish()];
    }
    const out: DecodedEvent[] = [];
    this.closing = true;
    this.drainServer(out);
    const lastReplyLine = this.server.flush();
    const lastReply = lastReplyLine ? this.replies.add(lastReplyLine) : null;
    if (lastReply) this.onReply(lastReply, out);
    const cut = this.replies.flush();
    if (cut) out.push(replyRow(cut, this.pending[0] ?? null, this.ctx));
    this.release(out);
    const lastLine = this.client.flush();
    if (lastLine) this.onClientLine(lastLine, out);
    if (this.data) {
      out.push(this.dataRow(this.data.result(false)));
      this.data = null;
    }
    return out;
  }

  private hold(chunk: Buffer): void {
    this.held.push(chunk);
    this.heldOctets += chunk.length;
    // A client that never waits is not read as waiting forever.
    if (this.heldOctets > MAX_HELD) {
      const bytes = Buffer.concat(this.held);
      this.held = [];
      this.heldOctets = 0;
      this.holdFor = null;
      this.client.push(bytes);
    }
  }

  private release(out: DecodedEvent[]): void {
    const bytes = Buffer.concat(this.held);
    this.held = [];
    this.heldOctets = 0;
    this.holdFor = null;
    this.client.push(bytes);
    this.drainClient(out);
  }

  private drainClient(out: DecodedEvent[]): void {
    while (!this.holdFor && !this.tlsFlow) {
      if (this.clientMode === 'data' && this.data) {
        if (!this.drainData(this.data, out)) return;
        continue;
      }
      const line = this.client.next();
      if (!line) return;
      this.onClientLine(line, out);
    }
    if (this.holdFor) this.hold(this.client.takeRest());
  }

  /**
   * The DATA body in bulk up to the "." line (RFC 5321 §4.1.1.4): whole lines go to the scanner
   * at once and an unfinished line waits for more. True when the message ended.
   */
  private drainData(scanner: DataScanner, out: DecodedEvent[]): boolean {
    const bytes = this.client.takeRestView();
    if (bytes.length === 0) return false;
    const whole = bytes.lastIndexOf(0x0a) + 1;
    const end = scanner.addLinesUntilEnd(bytes.subarray(0, whole));
    if (end >= 0) {
      scanner.addEndLine(bytes.subarray(end, end + 3));
      this.client.push(bytes.subarray(end + 3));
      this.endData(out);
      return true;
    }
    const rest = bytes.subarray(whole);
    // A line that grows beyond the splitter's limit without an LF is taken in pieces (it cannot be the "." line).
    if (rest.length >= DEFAULT_MAX_PENDING) scanner.addPiece(rest);
    else this.client.push(rest);
    return false;
  }

  private endData(out: DecodedEvent[]): void {
    out.push(this.dataRow(this.data!.result(true)));
    this.data = null;
    this.clientMode = 'command';
    this.pending.push(MESSAGE);
  }

  private onClientLine(line: WireLine, out: DecodedEvent[]): void {
    if (this.clientMode === 'data' && this.data) {
      if (this.data.addLine(line)) this.endData(out);
      return;
    }
    if (line.continued) {
      out.push(continuationRow(line, 'c2s', this.ctx));
      return;
    }
    if (this.clientMode === 'auth-response') {
      out.push(authResponseRow(line, this.auth, this.ctx));
      this.clientMode = 'command';
      this.expectReply(AUTH_RESPONSE);
      return;
    }
    const row = commandRow(line, this.ctx);
    out.push(row.event);
    if (row.auth) this.auth = row.auth;
    this.expectReply(row.verb);
  }

  private expectReply(what: string): void {
    this.pending.push(what);
    if (WAITS_FOR_REPLY.has(what) && !this.closing) this.holdFor = what;
  }

  private drainServer(out: DecodedEvent[]): void {
    while (!this.tlsFlow) {
      const line = this.server.next();
      if (!line) return;
      if (line.continued && !this.replies.inProgress) {
        out.push(continuationRow(line, 's2c', this.ctx));
        continue;
      }
      const reply = this.replies.add(line);
      if (reply) this.onReply(reply, out);
    }
  }

  private onReply(reply: SmtpReply, out: DecodedEvent[]): void {
    const answers = reply.code === null ? null : (this.pending.shift() ?? null);
    out.push(replyRow(reply, answers === GREETING ? null : answers, this.ctx));
    const code = reply.code;
    if (answers === 'DATA' && code === 354) {
      this.clientMode = 'data';
      this.data = new DataScanner();
    } else if (answers === 'STARTTLS' && code === 220) {
      this.startTls(out);
      return;
    } else if ((answers === 'AUTH' || answers === AUTH_RESPONSE) && code === 334) {
      this.clientMode = 'auth-response';
    } else if (answers === 'AUTH' || answers === AUTH_RESPONSE) {
      this.auth = null;
    }
    if (answers !== null && answers === this.holdFor) this.release(out);
  }

  /** RFC 3207 §4: after 220 both sides start the TLS handshake on the same connection. */
  private startTls(out: DecodedEvent[]): void {
    const tls = new TlsFlow();
    this.tlsFlow = tls;
    const serverRest = this.server.takeRest();
    const clientHeld = Buffer.concat([...this.held, this.client.takeRest()]);
    this.held = [];
    this.holdFor = null;
    let handshake: Buffer = clientHeld;
    if (clientHeld.length > 0 && clientHeld[0] !== TLS_HANDSHAKE) {
      // RFC 3207 §6: plaintext the client sent after STARTTLS, before the handshake, must be
      // discarded by the server; a man in the middle can inject commands this way.
      const injected = new LineSplitter();
      injected.push(clientHeld);
      for (let line = injected.next(); line; line = injected.next()) {
        out.push(commandRow(line, this.ctx, true).event);
      }
      handshake = injected.takeRest();
    }
    if (handshake.length) out.push(...tls.feed('c2s', handshake));
    this.serverBeforeTls = new PlaintextBeforeTls();
    if (serverRest.length) out.push(...this.feedServerBeforeTls(tls, this.serverBeforeTls, serverRest));
  }

  /**
   * RFC 3207 §6: what arrives after the 220 and before the server's first TLS record (a reply
   * a man in the middle appended, say) is plaintext the client must discard. It is read as
   * replies, and the TLS decoding starts at the first record header.
   */
  private feedServerBeforeTls(tls: TlsFlow, before: PlaintextBeforeTls, chunk: Buffer): DecodedEvent[] {
    const out: DecodedEvent[] = [];
    const split = before.push(chunk);
    this.server.push(split.plaintext);
    this.readRepliesBeforeTls(out, before.started);
    if (!before.started) return out;
    this.serverBeforeTls = null;
    if (split.tls.length) out.push(...tls.feed('s2c', split.tls));
    return out;
  }

  private readRepliesBeforeTls(out: DecodedEvent[], ended: boolean): void {
    const add = (line: WireLine) => {
      if (line.continued && !this.replies.inProgress) {
        out.push(continuationRow(line, 's2c', this.ctx));
        return;
      }
      const reply = this.replies.add(line);
      if (reply) out.push(replyAfterStarttlsRow(reply, this.ctx));
    };
    for (let line = this.server.next(); line; line = this.server.next()) add(line);
    if (!ended) return;
    const last = this.server.flush();
    if (last) add(last);
    const cut = this.replies.flush();
    if (cut) out.push(replyAfterStarttlsRow(cut, this.ctx));
  }

  private dataRow(message: DataSummary): DecodedEvent {
    const detail: SmtpDataDetail = this.ctx.insideTls ? { ...message.detail, insideTls: true } : message.detail;
    return { layer: 'smtp', dir: 'c2s', raw: rawOf(message.raw), summary: message.summary, detail, visibility: this.ctx.visibility, ...(message.rule ? { rule: message.rule } : {}) };
  }
}
