// `lab policy show|set`: what the MTA-STS policy host serves at its well-known URL (RFC 8461 §3.3),
// the text as it is and what RFC 8461 §3.2 finds wrong with it.
import { messageOf, text } from '../../../common/i18n/text.ts';
import type { PolicyHostEntry } from '../../../common/sender.ts';
import { say } from '../cli-locale.ts';

export function formatPolicyHostEntry(entry: PolicyHostEntry): string {
  const lines = [`https://mta-sts.${entry.domain}/.well-known/mta-sts.txt (${entry.mediaType}${entry.lesson ? `, ${entry.lesson}` : ''}):`, ...entry.text.split(/\r?\n/).map((l) => `  ${l}`)];
  for (const p of entry.problems) {
    const message = messageOf(p);
    lines.push(`  ${say(p.line ? text('policyCli.problemAt', { line: p.line, message, rule: p.rule }) : text('policyCli.problem', { message, rule: p.rule }))}`);
  }
  return `${lines.join('\n')}\n`;
}
