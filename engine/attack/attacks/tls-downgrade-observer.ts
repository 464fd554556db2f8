// What tls-downgrade watches after it let a ClientHello through: how the server answers (the
// version it chose, the downgrade sentinel, an inappropriate_fallback alert) and whether the
// client then gives up. Each finding is a "detect" row; it stops reading once it knows.

import { nodeText } from '../../../common/i18n/node-names.ts';
import { text } from '../../../common/i18n/text.ts';
import { tlsDetail } from '../../../common/trace-details-wire.ts';
import type { ConnectionContext } from '../../network/link-interceptor.ts';
import type { DecodedEvent, WireDir } from '../../protocol/decoded-event.ts';
import { TlsFlow } from '../../protocol/tls-flow.ts';
import type { AttackRun } from '../attack-module.ts';

const MAX_OBSERVED = 64 * 1024;

export class HandshakeObserver {
  private readonly flows = { c2s: new TlsFlow(), s2c: new TlsFlow() };
  private readonly seen = { c2s: 0, s2c: 0 };
  private serverDone = false;
  private clientDone = false;
  private sentinel = false;

  constructor(
    private readonly run: AttackRun,
    private readonly conn: ConnectionContext,
  ) {}

  feed(dir: WireDir, bytes: Buffer): void {
    if ((dir === 's2c' && this.serverDone) || (dir === 'c2s' && this.clientDone)) return;
    this.seen[dir] += bytes.length;
    if (this.seen[dir] > MAX_OBSERVED) {
      if (dir === 's2c') this.serverDone = true;
      else this.clientDone = true;
      return;
    }
    let rows: DecodedEvent[] = [];
    try {
      rows = this.flows[dir].feed(dir, bytes);
    } catch {
      return;
    }
    for (const row of rows) {
      if (dir === 's2c') this.fromServer(row);
      else this.fromClient(row);
    }
  }

  private fromServer(row: DecodedEvent): void {
    const { rows } = this.run;
    const to = this.conn.link.to;
    const d = tlsDetail(row);
    if (d?.kind === 'alert' && d.description === 'inappropriate_fallback') {
      this.serverDone = this.clientDone = true;
      rows.on(this.conn, { action: 'detect', dir: 's2c', said: text('attack.inappropriateFallback', { host: to }), fields: { what: 'inappropriate-fallback', by: to }, rule: 'RFC 7507 §3' });
      return;
    }
    const hello = d?.kind === 'handshake' ? d.serverHello : undefined;
    if (!hello || hello.helloRetryRequest) return;
    this.serverDone = true;
    if (hello.downgradeSentinel) {
      this.sentinel = true;
      rows.on(this.conn, {
        action: 'detect',
        dir: 's2c',
        said: text('attack.sentinel', { host: to, version: hello.version, sentinel: hello.downgradeSentinel === 'TLSv1.2' ? 'DOWNGRD01' : 'DOWNGRD00' }),
        fields: { what: 'downgrade-sentinel', version: hello.version, sentinel: hello.downgradeSentinel },
        rule: 'RFC 8446 §4.1.3',
      });
    } else {
      rows.on(this.conn, { action: 'observe', dir: 's2c', said: text('attack.serverChose', { host: to, version: hello.version }), fields: { what: 'server-hello', version: hello.version } });
      this.clientDone = true;
    }
  }

  private fromClient(row: DecodedEvent): void {
    if (!this.sentinel) return;
    const d = tlsDetail(row);
    if (d?.kind === 'encrypted') this.clientDone = true;
    if (d?.kind !== 'alert') return;
    this.clientDone = true;
    this.run.rows.on(this.conn, {
      action: 'detect',
      dir: 'c2s',
      said: text('attack.clientAborted', { host: nodeText(this.conn.link.from), description: d.description }),
      fields: { what: 'client-aborted', alert: d.description },
      rule: 'RFC 8446 §4.1.3',
    });
  }
}
