// `lab arc`: the ARC sealers mx.example.jp's local policy trusts (RFC 8617 §7.2): a valid chain whose
// newest seal is theirs, recording dmarc=pass from before they changed the message, overrides a DMARC
// failure. `lab arc trust DOMAIN ...` and `lab arc untrust DOMAIN ...|--all` change the list.
import { text } from '../../../common/i18n/text.ts';
import type { ArcTrustStatus } from '../../scenario/receiver-control.ts';
import { say } from '../cli-locale.ts';
import { apiPost, requireRun } from '../lab-client.ts';

export const summary = 'arc [trust|untrust DOMAIN ...] [--json]: the ARC sealers mx.example.jp trusts to vouch for a DMARC result (RFC 8617 §7.2)';

const usage = () =>
  [
    `usage: lab arc [--json]                 ${say(text('arcUsage.show'))}`,
    `       lab arc trust DOMAIN ...         ${say(text('arcUsage.trust'))}`,
    `       lab arc untrust DOMAIN ...|--all ${say(text('arcUsage.untrust'))}`,
  ].join('\n') + '\n';

export async function run(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const all = argv.includes('--all');
  const [sub, ...names] = argv.filter((a) => a !== '--json' && a !== '--all');
  const change = sub === 'trust' || sub === 'untrust';
  if ((sub !== undefined && !change) || (change && names.length === 0 && !(sub === 'untrust' && all)) || (all && sub !== 'untrust') || (!change && names.length)) {
    process.stderr.write(usage());
    return 2;
  }
  const body = sub === 'trust' ? { trust: names } : sub === 'untrust' ? (all ? { untrustAll: true, untrust: names } : { untrust: names }) : {};
  const status = await apiPost<ArcTrustStatus>(requireRun().info, '/api/arc', body);
  if (json) {
    process.stdout.write(`${JSON.stringify(status)}\n`);
    return 0;
  }
  const lines = [say(status.trustedSealers.length ? text('arcTrust.showTrusted', { sealers: status.trustedSealers.join(', ') }) : text('arcTrust.showNone'))];
  if (!status.arcChecked) lines.push(`  ${say(text('arcTrust.arcOff'))}`);
  if (!status.dmarcApplied) lines.push(`  ${say(text('arcTrust.dmarcOff'))}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
