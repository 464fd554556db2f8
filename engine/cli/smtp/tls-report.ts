import type { PeerCertificate, TLSSocket } from 'node:tls';

/** What the learner should see right after the STARTTLS handshake, one note per line. */
export function describeTls(socket: TLSSocket, caPath: string | null): string[] {
  const cipher = socket.getCipher();
  const cert = socket.getPeerCertificate();
  const lines = [`TLS started: ${socket.getProtocol() ?? 'unknown version'}, cipher ${cipher?.standardName ?? cipher?.name ?? 'unknown'}`];
  if (cert && Object.keys(cert).length > 0) {
    lines.push(`certificate subject: ${distinguishedName(cert.subject)}`);
    if (cert.subjectaltname) lines.push(`certificate names:   ${cert.subjectaltname}`);
    lines.push(`certificate issuer:  ${distinguishedName(cert.issuer)}`);
    lines.push(`certificate valid:   ${isoDate(cert.valid_from)} .. ${isoDate(cert.valid_to)}`);
  } else {
    lines.push('the server sent no certificate');
  }
  if (!caPath) lines.push('verified against the lab CA: no (the lab CA was not found, so nothing could be checked)');
  else if (socket.authorized) lines.push('verified against the lab CA: yes (chain and host name)');
  else lines.push(`verified against the lab CA: NO (${String(socket.authorizationError)})`);
  lines.push('the session continues inside TLS (RFC 3207 §4.2):', 'send EHLO again, what the server said before TLS no longer counts');
  return lines;
}

function distinguishedName(name: PeerCertificate['subject'] | undefined): string {
  if (!name) return '(none)';
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : value}`)
    .join(', ');
}

function isoDate(openssl: string): string {
  const time = Date.parse(openssl);
  return Number.isNaN(time) ? openssl : new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
