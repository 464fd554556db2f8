// One probe as a remote tester makes it: connect to an MX host through the lab network, EHLO,
// STARTTLS with the TLS versions and suites this probe offers, then QUIT. No mail is sent.
// The SMTP client session (engine/protocol/smtp-client) decides; runSmtpConnection moves bytes.
import { said, text, type Text } from '../../../common/i18n/text.ts';
import { runSmtpConnection } from '../../nodes/sender/smtp-connection.ts';
import type { TlsLimits } from '../../nodes/sender/trust-store.ts';
import { SmtpClientSession } from '../../protocol/smtp-client/session.ts';
import type { SessionPolicy, TlsInfo } from '../../protocol/smtp-client/types.ts';
import type { WaitingFor } from '../../protocol/smtp-client/reply-codes.ts';

export interface StartTlsProbeOptions {
  /** Loopback port of the checker's link to the host's port 25. */
  port: number;
  /** The MX host name, sent as SNI. */
  serverName: string;
  /** The checker's EHLO name. */
  clientName: string;
  /** Roots the probe trusts; none reports the chain exactly as the server sent it (peer-chain.ts). */
  trustedCaPems: readonly string[];
  tls?: TlsLimits;
  timeoutMs: number;
}

export interface StartTlsProbe {
  /** The server greeted and answered EHLO. */
  greeted: boolean;
  starttlsOffered: boolean;
  /** EHLO keywords before TLS. */
  ehlo: string[];
  tls?: TlsInfo;
  tlsError?: string;
  tlsErrorText?: Text;
  /** The reply that refused the offered STARTTLS (454 ...), when it was refused. */
  refused?: { code: number; text: string };
  /** What ended the session early (refused connection, timeout...). */
  error?: string;
  errorText?: Text;
}

export async function probeStartTls(options: StartTlsProbeOptions): Promise<StartTlsProbe> {
  let ehlo: string[] = [];
  let greeted = false;
  let refusedWith: { code: number; text: string } | undefined;
  const policy: SessionPolicy = {
    tls: ({ extensions, refused }) => {
      greeted = true;
      ehlo = extensions.keywords;
      if (extensions.starttls && !refused) return { action: 'starttls', rule: 'RFC 3207 §4', ...said(text('probe.testsStarttls')) };
      refusedWith = refused;
      return { action: 'quit', rule: 'RFC 3207 §4', ...said(refused ? text('probe.refused', { code: refused.code }) : text('probe.nothingToTest')) };
    },
    afterTls: () => ({ action: 'quit', rule: 'RFC 3207 §4.2', ...said(text('probe.done')) }),
  };
  const timeouts = Object.fromEntries((['greeting', 'ehlo', 'helo', 'starttls', 'quit'] as WaitingFor[]).map((w) => [w, options.timeoutMs]));
  const session = new SmtpClientSession({
    clientName: options.clientName,
    serverName: options.serverName,
    from: `checker@${options.clientName}`,
    to: [`postmaster@${options.serverName}`],
    message: new Uint8Array(),
    policy,
    timeoutsMs: timeouts,
  });
  const result = await runSmtpConnection({ port: options.port, session, trustedCaPems: options.trustedCaPems, ...(options.tls ? { tls: options.tls } : {}) });
  const quitReason = /the checker has what it came for|nothing more to test/;
  const error = result.error && !quitReason.test(result.error.reason) ? result.error : undefined;
  return {
    greeted,
    starttlsOffered: result.starttlsOffered,
    ehlo,
    ...(result.tls ? { tls: result.tls } : {}),
    ...(result.tlsError ? { tlsError: result.tlsError } : {}),
    ...(result.tlsErrorText ? { tlsErrorText: result.tlsErrorText } : {}),
    ...(refusedWith ? { refused: refusedWith } : {}),
    ...(error ? { error: error.reason, ...(error.reasonText ? { errorText: error.reasonText } : {}) } : {}),
  };
}
