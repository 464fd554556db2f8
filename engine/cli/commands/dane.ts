// smtp-lab dane tlsa CERT.pem USAGE SELECTOR MATCHING
import { text } from '../../../common/i18n/text.ts';
import { say } from '../cli-locale.ts';
import { X509Certificate } from 'node:crypto';
import { InputTooLargeError, MAX_CERTIFICATE_FILE, readCapped } from '../read-capped.ts';
import { tlsaData } from '../../policy/dane/tlsa-data.ts';
import { MATCHING_NAMES, SELECTOR_NAMES, parseTlsaFields, tlsaUsability } from '../../policy/dane/tlsa-record.ts';

export const summary = 'DANE (RFC 6698, 7672): compute TLSA record data from a certificate';

const daneUsage = () => `usage: smtp-lab dane tlsa CERT.pem USAGE SELECTOR MATCHING   ${say(text('daneUsage.example', { example: '3 1 1' }))}\n`;

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'tlsa' || rest.length !== 4) {
    process.stderr.write(daneUsage());
    return 2;
  }
  const [file, usage, selector, matching] = rest;
  const fields = parseTlsaFields(usage, selector, matching, '00');
  if (!fields.ok) {
    process.stderr.write(`smtp-lab dane: ${say(fields.messageText)} (${fields.rule})\n`);
    return 2;
  }
  const record = fields.record;
  if (!(record.selector in SELECTOR_NAMES)) {
    process.stderr.write(`smtp-lab dane: selector ${record.selector} is unknown; use 0 (full certificate) or 1 (SubjectPublicKeyInfo) (RFC 6698 §2.1.2)\n`);
    return 2;
  }
  if (!(record.matchingType in MATCHING_NAMES)) {
    process.stderr.write(`smtp-lab dane: matching type ${record.matchingType} is unknown; use 0 (exact), 1 (SHA-256) or 2 (SHA-512) (RFC 6698 §2.1.3)\n`);
    return 2;
  }
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(await readCapped(file, MAX_CERTIFICATE_FILE, 'a certificate'));
  } catch (error) {
    if (error instanceof InputTooLargeError) {
      process.stderr.write(`smtp-lab dane: ${error.message}\n`);
      return 1;
    }
    const code = (error as NodeJS.ErrnoException).code;
    process.stderr.write(`smtp-lab dane: cannot read a certificate from ${file}${code ? `: ${code}` : ' (expected PEM or DER)'}\n`);
    return 1;
  }
  const data = tlsaData(cert, record.selector, record.matchingType);
  const usable = tlsaUsability({ ...record, data });
  if (!usable.usable) process.stderr.write(`note: ${say(usable.reasonText)} (${usable.rule})\n`);
  process.stdout.write(`${data.toString('hex')}\n`);
  return 0;
}
