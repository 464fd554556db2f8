// `lab dkim`: which key signs sender.example's mail and whether each key's record is published,
// and the hint that goes with a record printed for publishing.
import { text } from '../../../common/i18n/text.ts';
import { DKIM_DOMAIN } from '../../nodes/sender/dkim/dkim-key.ts';
import type { DkimKeyStatus } from '../../nodes/sender/dkim/mail-dkim-keys.ts';
import { say } from '../cli-locale.ts';

export function formatDkimStatus(status: DkimKeyStatus): string {
  const lines = [say(text('dkimCli.signs', { domain: DKIM_DOMAIN, selector: status.keys[status.signing].selector, key: status.signing }))];
  for (const k of ['current', 'next'] as const) {
    const key = status.keys[k];
    const published = say(text(key.published ? 'dkimCli.published' : 'dkimCli.notPublished'));
    lines.push(`  ${k.padEnd(7)} ${key.name}  ${published}${status.signing === k ? `  ${say(text('dkimCli.signing'))}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The key's zone-file line, then (as a zone-file comment) the command that publishes it. */
export function formatDkimRecord(key: DkimKeyStatus['keys']['current']): string {
  return `${key.record}\n# ${say(text('dkimCli.publishHint', { command: `lab dns add ${key.name} TXT '${key.value}'` }))}\n`;
}
