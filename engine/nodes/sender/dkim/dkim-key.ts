// The sending domain's DKIM key (RFC 6376 §3.6.1): made once per data directory and kept, so the
// public half published in the sender.example zone matches the signatures on every start.
import { generateKeyPairSync, createPublicKey } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DKIM_SELECTOR = 'tlsrpt';
export const DKIM_DOMAIN = 'sender.example';

export interface DkimKey {
  selector: string;
  domain: string;
  privateKeyPem: string;
  /** The TXT data at <selector>._domainkey.<domain>: "v=DKIM1; k=rsa; p=..." (RFC 6376 §3.6.1). */
  txt: string;
}

export function loadDkimKey(dataDir: string): DkimKey {
  const dir = join(dataDir, 'dkim');
  const path = join(dir, `${DKIM_DOMAIN}.key`);
  let privateKeyPem: string;
  try {
    privateKeyPem = readFileSync(path, 'utf8');
  } catch {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    privateKeyPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, privateKeyPem, { mode: 0o600 });
    renameSync(tmp, path);
  }
  const spki = createPublicKey(privateKeyPem).export({ type: 'spki', format: 'der' }).toString('base64');
  return { selector: DKIM_SELECTOR, domain: DKIM_DOMAIN, privateKeyPem, txt: `v=DKIM1; k=rsa; p=${spki}` };
}
