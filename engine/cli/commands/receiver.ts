// `lab receiver`: which key mx.example.jp presents and whether the published TLSA records match
// it; `lab receiver key next` switches to the next key (a DANE key rollover, RFC 7671 §8.1), and
// `lab receiver cert next` prints that key's certificate, to compute its TLSA record before the switch.
import { text } from '../../../common/i18n/text.ts';
import { say } from '../cli-locale.ts';
import type { ReceiverStatus } from '../../scenario/receiver-control.ts';
import { apiPost, requireRun } from '../lab-client.ts';
import { formatReceiverStatus } from '../format/receiver-text.ts';

export const summary = 'receiver [key current|next] [cert current|next]: the key mx.example.jp presents (DANE key rollover)';

const usage = () => `usage: lab receiver                  ${say(text('receiverUsage.show'))}
       lab receiver key current|next   ${say(text('receiverUsage.key'))}
       lab receiver cert current|next  ${say(text('receiverUsage.cert'))}
`;

export async function run(argv: string[]): Promise<number> {
  const [sub, key] = argv;
  if (sub !== undefined && (!['key', 'cert'].includes(sub) || (key !== 'current' && key !== 'next') || argv.length !== 2)) {
    process.stderr.write(usage());
    return 2;
  }
  const info = requireRun().info;
  if (sub === 'cert') {
    const { pem } = await apiPost<{ pem: string }>(info, '/api/receiver', { cert: key });
    process.stdout.write(pem);
    return 0;
  }
  const status = await apiPost<ReceiverStatus>(info, '/api/receiver', sub === 'key' ? { key } : {});
  process.stdout.write(formatReceiverStatus(status));
  return 0;
}
