// A throwaway Postfix of its own: a private configuration directory, queue and data directory
// under a temporary directory, one smtpd on 127.0.0.1:PORT that offers STARTTLS with a
// certificate made here, mail for lab.example accepted and discarded, the log in a file.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';

export const POSTFIX_HOST = 'mx.lab.example';
export const POSTFIX_DOMAIN = 'lab.example';

export interface PostfixInstance {
  port: number;
  caPem: string;
  log(): string;
  stop(): void;
}

/** Writes the configuration and the certificate; `start` launches it. */
export function preparePostfix(dir: string, port: number): { start(): Promise<PostfixInstance> } {
  const conf = join(dir, 'conf');
  for (const sub of ['conf', 'queue', 'data']) mkdirSync(join(dir, sub), { recursive: true });
  // The daemons run as mail_owner and must reach the queue and the data directory.
  chmodSync(dir, 0o755);
  const postfixUser = spawnSync('id', ['-u', 'postfix'], { encoding: 'utf8' });
  const postfixGroup = spawnSync('id', ['-g', 'postfix'], { encoding: 'utf8' });
  if (userInfo().uid === 0 && postfixUser.status === 0) chownSync(join(dir, 'data'), Number(postfixUser.stdout), Number(postfixGroup.stdout));
  const cert = join(conf, 'cert.pem');
  const key = join(conf, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${POSTFIX_HOST}`, '-addext', `subjectAltName=DNS:${POSTFIX_HOST}`], { stdio: 'ignore' });
  const maillog = join(dir, 'maillog');
  writeFileSync(
    join(conf, 'main.cf'),
    [
      'compatibility_level = 3.6',
      'inet_interfaces = 127.0.0.1',
      'inet_protocols = ipv4',
      `queue_directory = ${join(dir, 'queue')}`,
      `data_directory = ${join(dir, 'data')}`,
      'mail_owner = postfix',
      `myhostname = ${POSTFIX_HOST}`,
      `mydestination = ${POSTFIX_DOMAIN}`,
      'local_recipient_maps =',
      'local_transport = discard:',
      'alias_maps =',
      'alias_database =',
      `maillog_file = ${maillog}`,
      `maillog_file_prefixes = ${dir}`,
      `smtpd_tls_cert_file = ${cert}`,
      `smtpd_tls_key_file = ${key}`,
      'smtpd_tls_security_level = may',
      '',
    ].join('\n'),
  );
  // Only the services a delivery to a discarding local domain needs, none chrooted.
  writeFileSync(
    join(conf, 'master.cf'),
    [
      `127.0.0.1:${port} inet n - n - - smtpd`,
      'pickup unix n - n 60 1 pickup',
      'cleanup unix n - n - 0 cleanup',
      'qmgr unix n - n 300 1 qmgr',
      'tlsmgr unix - - n 1000? 1 tlsmgr',
      'rewrite unix - - n - - trivial-rewrite',
      'bounce unix - - n - 0 bounce',
      'defer unix - - n - 0 bounce',
      'trace unix - - n - 0 bounce',
      'verify unix - - n - 1 verify',
      'flush unix n - n 1000? 0 flush',
      'proxymap unix - - n - - proxymap',
      'showq unix n - n - - showq',
      'error unix - - n - - error',
      'retry unix - - n - - error',
      'discard unix - - n - - discard',
      'anvil unix - - n - 1 anvil',
      'scache unix - - n - 1 scache',
      'postlog unix-dgram n - n - 1 postlogd',
      '',
    ].join('\n'),
  );
  const log = () => (existsSync(maillog) ? readFileSync(maillog, 'utf8') : '');
  return {
    async start() {
      // Asynchronous, so that what starts beside it is not held up while postfix-script runs.
      await new Promise<void>((resolve, reject) =>
        execFile('postfix', ['-c', conf, 'start'], { timeout: 15_000 }, (error, _stdout, stderr) => (error ? reject(new Error(`postfix -c ${conf} start failed: ${stderr}${log().slice(-800)}`)) : resolve())),
      );
      return {
        port,
        caPem: readFileSync(cert, 'utf8'),
        log,
        stop: () => void spawnSync('postfix', ['-c', conf, 'stop'], { stdio: 'ignore', timeout: 15_000 }),
      };
    },
  };
}
