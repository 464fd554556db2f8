// `lab receiver`: the key mx.example.jp presents and, for each key, whether a published TLSA
// record matches it (the `3 1 1` data a DANE-EE client compares, RFC 7671 §8.1).
import { text } from '../../../common/i18n/text.ts';
import { MX_HOST } from '../../network/lab-hosts.ts';
import { TLSA_NAME, type ReceiverStatus } from '../../scenario/receiver-control.ts';
import { say } from '../cli-locale.ts';

export function formatReceiverStatus(status: ReceiverStatus): string {
  const lines = [say(text('receiverCli.presents', { host: MX_HOST, key: status.key }))];
  for (const k of ['current', 'next'] as const) {
    const published = say(status.tlsaMatches[k] ? text('receiverCli.inTlsa', { name: TLSA_NAME }) : text('receiverCli.notInTlsa'));
    lines.push(`  ${k.padEnd(7)} 3 1 1 ${status.spki[k]}  ${published}`);
  }
  return `${lines.join('\n')}\n`;
}
