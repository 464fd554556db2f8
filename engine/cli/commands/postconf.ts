// smtp-lab postconf: Postfix's postconf for the lab's two MTAs. smtpd_* parameters configure the
// receiver mx.example.jp, smtp_* the sender mail.sender.example (engine/postconf).
import { parseArgs } from 'node:util';
import type { PostconfEditResult, PostconfError, PostconfMode, PostconfShowResult } from '../../../common/postconf.ts';
import { POSTCONF_PATH } from '../../api/postconf-api.ts';
import { defaultDataDir } from '../../lab/data-dir.ts';
import { createPostconfService } from '../../postconf/postconf-service.ts';
import { MTA_STS_POLICY_MAP } from '../../postconf/parameters.ts';
import { CERT_DIR } from '../../postconf/cert-files.ts';
import { apiGet, apiPost } from '../lab-client.ts';
import { findRun } from '../run-files.ts';
import { messageOf, text } from '../../../common/i18n/text.ts';
import { errorSentence } from '../../../common/i18n/text-error.ts';
import { say, sayIndented } from '../cli-locale.ts';
import { parseArgsProblem } from '../parse-args-problem.ts';

export const summary = "postconf [-n | -d] [PARAM ...] | postconf -e 'name = value' ...: main.cf of the lab's MTAs, as Postfix's postconf";

/** The usage of postconf, its explanations in the CLI's language. */
export const postconfUsage = () => `usage: smtp-lab postconf [-n | -d] [PARAM ...]
       smtp-lab postconf -e 'name = value' ...
       smtp-lab postconf --reset
${sayIndented(text('postconfUsage.body'))}
  ${say(text('postconfUsage.certs', { path: `${CERT_DIR}/{valid,expired,wrong-name,self-signed}/{privkey,cert,fullchain}.pem` }))}
  ${say(text('postconfUsage.stsMap', { map: `smtp_tls_policy_maps = ${MTA_STS_POLICY_MAP}` }))}
`;

function printErrors(errors: PostconfError[], args: string[] = []): void {
  for (const error of errors) {
    const message = messageOf(error);
    const line = args[error.index] !== undefined ? text('postconfCli.inArg', { message, arg: args[error.index] }) : message;
    process.stderr.write(`postconf: ${say(line)}\n`);
  }
}

export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { n: { type: 'boolean', short: 'n' }, d: { type: 'boolean', short: 'd' }, e: { type: 'boolean', short: 'e' }, reset: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    process.stderr.write(`postconf: ${say(parseArgsProblem(error) ?? errorSentence(error))}\n${postconfUsage()}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(postconfUsage());
    return 0;
  }
  if ([values.n, values.d, values.e, values.reset].filter(Boolean).length > 1) {
    process.stderr.write(`postconf: ${say(text('postconfUsage.exclusive'))}\n${postconfUsage()}`);
    return 2;
  }
  const found = findRun(defaultDataDir());
  if (values.e || values.reset) {
    if (!found) {
      process.stderr.write(`postconf: ${say(text('cliLab.noneToChange'))}\n`);
      return 1;
    }
    if (values.e && positionals.length === 0) {
      process.stderr.write(`postconf: ${say(text('postconfUsage.needsAssignment'))}\n${postconfUsage()}`);
      return 2;
    }
    const reply = await apiPost<PostconfEditResult | { ok: true }>(found.info, POSTCONF_PATH, values.reset ? { reset: true } : { assignments: positionals });
    if (!reply.ok) {
      printErrors(reply.errors, positionals);
      return 1;
    }
    return 0;
  }
  const mode: PostconfMode = values.n ? 'non-default' : values.d ? 'defaults' : 'all';
  // Without a running lab: the lab's own main.cf, as a fresh lab starts with it.
  const result = found
    ? await apiGet<PostconfShowResult>(found.info, `${POSTCONF_PATH}?${new URLSearchParams([['mode', mode], ...positionals.map((n) => ['name', n])])}`)
    : createPostconfService({ apply: () => {}, nodes: { receiver: 'mx.example.jp', sender: 'mail.sender.example' } }).show(mode, positionals);
  if (!result.ok) {
    printErrors(result.errors, positionals);
    return 1;
  }
  process.stdout.write(result.lines.map((line) => `${line}\n`).join(''));
  return 0;
}
