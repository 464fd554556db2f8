// smtp-lab mta-sts parse FILE [--json] | match PATTERN HOST
import { messageOf, told, text as sentence } from '../../../common/i18n/text.ts';
import { say } from '../cli-locale.ts';
import { MAX_POLICY_FILE, readCapped, unreadable } from '../read-capped.ts';
import { matchMxPattern } from '../../policy/mta-sts/mx-pattern.ts';
import { parseStsPolicy, type PolicyError } from '../../policy/mta-sts/policy-file.ts';

export const summary = 'MTA-STS (RFC 8461): parse a policy file, match an mx pattern';

const USAGE = 'usage: smtp-lab mta-sts parse FILE [--json]\n       smtp-lab mta-sts match PATTERN HOST\n';

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'parse') return parse(rest);
  if (sub === 'match') return match(rest);
  process.stderr.write(USAGE);
  return 2;
}

async function parse(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const files = args.filter((a) => a !== '--json');
  if (files.length !== 1) {
    process.stderr.write(USAGE);
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = await readCapped(files[0], MAX_POLICY_FILE, sentence('cliArgs.whatPolicy'));
  } catch (error) {
    const problem = unreadable(files[0], error);
    process.stderr.write(`smtp-lab mta-sts: ${say(problem)}\n`);
    return 1;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const error: PolicyError = { production: 'sts-policy-record', ...told(sentence('stsPolicy.notUtf8')), rule: 'RFC 8461 §3.2' };
    return report(json, { ok: false, errors: [error] });
  }
  return report(json, parseStsPolicy(text));
}

function report(json: boolean, result: ReturnType<typeof parseStsPolicy>): number {
  if (json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return result.ok ? 0 : 1;
  }
  if (!result.ok) {
    const lines = result.errors.map((e) => `${say(e.line === undefined ? sentence('stsParseCli.wholePolicy') : sentence('stsParseCli.line', { line: e.line }))}: ${say(messageOf(e))} (${e.rule}, ${e.production})`);
    process.stdout.write(`${say(sentence('stsParseCli.invalid'))}\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
    return 1;
  }
  const p = result.policy;
  const out = [
    say(sentence('stsParseCli.valid')),
    `  version: ${p.version}`,
    `  mode:    ${p.mode}`,
    `  max_age: ${p.maxAge}${p.maxAgeDeclared !== undefined ? ` ${say(sentence('stsParseCli.capped', { declared: p.maxAgeDeclared }))}` : ''}`,
    ...p.mx.map((mx, i) => `  ${i === 0 ? 'mx:     ' : '        '} ${mx}`),
    ...Object.entries(p.extensions).map(([k, v]) => `  ${k}: ${v} ${say(sentence('stsParseCli.unknownField'))}`),
    ...(p.noteTexts ?? p.notes).map((n) => say(sentence('stsParseCli.note', { note: n }))),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

function match(args: string[]): number {
  if (args.length !== 2) {
    process.stderr.write(USAGE);
    return 2;
  }
  const result = matchMxPattern(args[0], args[1]);
  process.stdout.write(`${say(sentence(result.matches ? 'stsParseCli.match' : 'stsParseCli.noMatch'))}: ${say(result.reasonText)} (${result.rule})\n`);
  return result.matches ? 0 : 1;
}
