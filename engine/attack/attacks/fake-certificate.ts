// fake-certificate: the attacker lets STARTTLS through, then answers the client's handshake
// itself with a certificate for mx.example.jp and opens its own TLS to the real server,
// reading and relaying everything. "misissued" is signed by the lab CA the sender trusts, as a
// CA tricked or compromised would sign it: PKIX-valid, so MTA-STS accepts it (RFC 8461 §4.2),
// but not the key in the TLSA record, so DANE refuses it (RFC 7672 §3.1.1). "self-signed"
// passes only with a sender that checks nothing.

import { nodeText } from '../../../common/i18n/node-names.ts';
import { text, type Text } from '../../../common/i18n/text.ts';
import type { CertVariant } from '../../pki/variants.ts';
import type { AttackModule } from '../attack-module.ts';
import { MX_HOST } from '../lab-names.ts';
import { interceptSmtpLinks } from '../proxy/intercept-links.ts';
import { smtpTap } from '../proxy/smtp-tap.ts';
import type { SmtpWatch } from '../proxy/smtp-watch.ts';
import { interceptTls } from '../proxy/tls-interception.ts';

const CERTIFICATE_TEXT: Record<string, Text> = {
  misissued: text('attack.certMisissued'),
  'self-signed': text('attack.certSelfSigned'),
};

export const fakeCertificate: AttackModule = {
  info: {
    name: 'fake-certificate',
    title: { en: 'Fake certificate (TLS interception)', ja: '偽の証明書（TLS の中間者）' },
    description: {
      en: 'Lets STARTTLS through, then ends the sender\'s TLS itself with a certificate for mx.example.jp and opens its own TLS to the real server: it relays and reads everything. "misissued" comes from the CA the sender trusts (a misissuance); "self-signed" from nobody.',
      ja: 'STARTTLS はそのまま通し、送信側の TLS を mx.example.jp の証明書で攻撃者自身が終端し、本物のサーバーへは別の TLS を張ります。中継しながらすべてを読みます。「misissued」は送信側が信頼する CA が誤発行した証明書、「self-signed」は自己署名の証明書です。',
    },
    target: 'smtp',
    params: [
      {
        name: 'certificate',
        description: {
          en: 'misissued: from the trusted lab CA, with the attacker\'s key; self-signed: signed by the attacker itself',
          ja: 'misissued: 信頼されたラボ CA が攻撃者の鍵に発行したもの、self-signed: 攻撃者が自分で署名したもの',
        },
        values: ['misissued', 'self-signed'],
      },
    ],
    stoppedBy: {
      en: 'DANE (RFC 7672): the TLSA record pins the real key. MTA-STS stops only the self-signed one; a misissued certificate passes PKIX (RFC 8461 §4.2)',
      ja: 'DANE（RFC 7672）: TLSA レコードが本物の鍵を指定する。MTA-STS は自己署名しか防げず、誤発行された証明書は PKIX 検証を通る（RFC 8461 §4.2）',
    },
  },
  async start(run) {
    const kind = run.params.certificate as CertVariant;
    const certificate = await run.ctx.pki.variant(MX_HOST, kind);
    return interceptSmtpLinks(run, (conn) => {
      const watch = smtpTap(run, conn, { onTls: () => {} });
      let inner: SmtpWatch | null = null;
      const { to } = conn.link;
      const from = nodeText(conn.link.from);
      return {
        data(dir, chunk, io) {
          io.send(dir, chunk);
          watch.feed(dir, chunk);
          // The 220 to STARTTLS just went to the client: its ClientHello comes to the attacker.
          if (dir !== 's2c' || !watch.inTls) return;
          const { client, upstream } = io.release();
          const decrypted = smtpTap(run, conn, { insideTls: true, onTls: () => {} });
          inner = decrypted;
          let firstCommand = true;
          const read = (d: 'c2s' | 's2c', bytes: Buffer) => {
            const command = decrypted.feed(d, bytes).find((row) => row.detail.kind === 'command');
            if (!command || !firstCommand) return;
            firstCommand = false;
            // A sender that checks the certificate after the handshake says so by leaving at once.
            if (command.detail.verb === 'QUIT') {
              run.rows.on(conn, { action: 'detect', dir: 'c2s', said: text('attack.clientQuit', { host: from }), fields: { what: 'client-quit' } });
            }
          };
          interceptTls({
            client,
            upstream,
            certificate,
            serverName: to,
            events: {
              clientSecure: (tls) =>
                run.rows.on(conn, {
                  action: 'intercept-tls',
                  dir: 's2c',
                  said: text('attack.endedTls', { host: from, version: tls.version, certificate: CERTIFICATE_TEXT[kind] ?? kind, mx: MX_HOST }),
                  fields: { side: 'client', certificate: kind, version: tls.version, cipher: tls.cipher, sni: tls.sni },
                }),
              serverSecure: (tls) =>
                run.rows.on(conn, {
                  action: 'intercept-tls',
                  dir: 'c2s',
                  said: text('attack.ownTls', { host: to, version: tls.version }),
                  fields: { side: 'server', version: tls.version, cipher: tls.cipher },
                }),
              failed: (side, error) =>
                run.rows.on(conn, {
                  action: 'detect',
                  dir: side === 'client' ? 'c2s' : 's2c',
                  said: side === 'client' ? text('attack.clientRefusedCert', { host: from, error }) : text('attack.ownTlsFailed', { host: to, error }),
                  fields: { what: side === 'client' ? 'client-refused' : 'server-failed', error },
                }),
              plaintext: read,
              clientWire: (d, bytes) => conn.record(d, bytes),
            },
          });
        },
        closed() {
          watch.finish();
          inner?.finish();
        },
      };
    });
  },
};
