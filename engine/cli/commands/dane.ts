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
    process.stderr.write(`smtp-lab dane: ${say(text('daneCli.selector', { selector: record.selector }))}\n`);
    return 2;
  }
  if (!(record.matchingType in MATCHING_NAMES)) {
    process.stderr.write(`smtp-lab dane: ${say(text('daneCli.matching', { matching: record.matchingType }))}\n`);
    return 2;
  }
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(await readCapped(file, MAX_CERTIFICATE_FILE, text('cliArgs.whatCertificate')));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = error instanceof InputTooLargeError ? error.text : code ? text('daneCli.cannotRead', { file, code }) : text('daneCli.notCertificate', { file });
    process.stderr.write(`smtp-lab dane: ${say(problem)}\n`);
    return 1;
  }
  const data = tlsaData(cert, record.selector, record.matchingType);
  const usable = tlsaUsability({ ...record, data });
  if (!usable.usable) process.stderr.write(`${say(text('daneCli.note', { note: usable.reasonText, rule: usable.rule }))}\n`);
  process.stdout.write(`${data.toString('hex')}\n`);
  return 0;
}
