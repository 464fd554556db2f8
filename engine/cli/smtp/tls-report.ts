import type { PeerCertificate, TLSSocket } from 'node:tls';
import { text, type Text } from '../../../common/i18n/text.ts';
import { say } from '../cli-locale.ts';

/** What the learner should see right after the STARTTLS handshake, one note per line. */
export function describeTls(socket: TLSSocket, caPath: string | null): string[] {
  const cipher = socket.getCipher();
  const cert = socket.getPeerCertificate();
  const lines: Text[] = [text('smtpCli.tlsStarted', { version: socket.getProtocol() ?? text('smtpCli.unknownVersion'), cipher: cipher?.standardName ?? cipher?.name ?? text('smtpCli.unknown') })];
  if (cert && Object.keys(cert).length > 0) {
    lines.push(text('smtpCli.certSubject', { value: distinguishedName(cert.subject) }));
    if (cert.subjectaltname) lines.push(text('smtpCli.certNames', { value: cert.subjectaltname }));
    lines.push(text('smtpCli.certIssuer', { value: distinguishedName(cert.issuer) }));
    lines.push(text('smtpCli.certValid', { from: isoDate(cert.valid_from), to: isoDate(cert.valid_to) }));
  } else {
    lines.push(text('smtpCli.noCert'));
  }
  if (!caPath) lines.push(text('smtpCli.noCa'));
  else if (socket.authorized) lines.push(text('smtpCli.verified'));
  else lines.push(text('smtpCli.notVerified', { error: String(socket.authorizationError) }));
  lines.push(text('smtpCli.insideTls'), text('smtpCli.ehloAgain'));
  return lines.map(say);
}

function distinguishedName(name: PeerCertificate['subject'] | undefined): string {
  if (!name) return say(text('smtpCli.noName'));
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : value}`)
    .join(', ');
}

function isoDate(openssl: string): string {
  const time = Date.parse(openssl);
  return Number.isNaN(time) ? openssl : new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
