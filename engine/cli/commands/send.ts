// smtp-lab send: one message through the sending MTA, with its delivery notice and the outcome.
import type { AttackStatus } from '../../../common/attack.ts';
import type { OutboundMessage, SendOutcome } from '../../../common/sender.ts';
import { defaultDataDir } from '../../lab/data-dir.ts';
import { startLab } from '../../lab/start-lab.ts';
import { renderLines, renderText, text as sentence, type Locale, type Text } from '../../../common/i18n/text.ts';
import { TextError } from '../../../common/i18n/text-error.ts';
import { cliLocale, say } from '../cli-locale.ts';
import { outcomeLines } from '../format/outcome-text.ts';
import { apiGet, apiPost } from '../lab-client.ts';
import { findRun } from '../run-files.ts';
import { parseSendArgs, sendUsage, type SendArgs } from '../send/send-args.ts';
import { CAPTURE_PATH, type CaptureReply } from '../../../common/capture.ts';
import { SENDER_NODE } from '../../nodes/sender/mta/policy-trace.ts';
import { wantsCapture, writeCaptureFiles } from '../capture-files.ts';

export const summary = 'send --from A --to B [--policy P] [--dnssec] [--requiretls] [--attack NAME] [--pcap FILE --keylog FILE] [--json]: one delivery by mail.sender.example';

interface SendReply {
  message: OutboundMessage;
  outcome: SendOutcome;
}

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(sendUsage());
    return 0;
  }
  const args = parseSendArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`smtp-lab send: ${args}\n${sendUsage()}`);
    return 2;
  }
  const found = args.headless ? null : findRun(defaultDataDir());
  const reply = found ? await viaRunningLab(found.info, args) : await headless(args);
  process.stdout.write(args.json ? `${JSON.stringify(inLanguage(reply, cliLocale()))}\n` : text(reply));
  // Only the genuine mx.example.jp counts: an impostor that accepted the message is a failure.
  return reply.outcome.delivered ? 0 : 1;
}

/** With --attack, the learner's own attack (or none) is put back once the delivery settled. */
async function viaRunningLab(info: Parameters<typeof apiPost>[0], args: SendArgs): Promise<SendReply> {
  if (!wantsCapture(args.capture)) return sendThrough(info, args);
  // The delivery's connections are those of mail.sender.example after this point of the trace.
  const { lastSeq } = await apiGet<{ lastSeq: number }>(info, `${CAPTURE_PATH}?head=1`);
  const reply = await sendThrough(info, args);
  const capture = await apiGet<CaptureReply>(info, `${CAPTURE_PATH}?since=${lastSeq}&node=${encodeURIComponent(SENDER_NODE)}`);
  reportCapture(writeCaptureFiles(args.capture, capture));
  return reply;
}

async function sendThrough(info: Parameters<typeof apiPost>[0], args: SendArgs): Promise<SendReply> {
  if (!args.attack) return apiPost<SendReply>(info, '/api/send', { request: args.request });
  const { status: before } = await apiGet<{ status: AttackStatus }>(info, '/api/attack');
  await apiPost(info, '/api/attack', args.attack);
  try {
    return await apiPost<SendReply>(info, '/api/send', { request: args.request });
  } finally {
    const restore = before.active ? { name: before.active.name, params: before.active.params } : { name: 'off' };
    await apiPost(info, '/api/attack', restore);
    if (before.active) process.stderr.write(`smtp-lab send: ${say(sentence('cliSend.attackRestored', { attack: before.active.name }))}\n`);
  }
}

async function headless(args: SendArgs): Promise<SendReply> {
  const lab = await startLab({ dataDir: defaultDataDir() });
  try {
    if (args.attack) {
      if (!lab.attacker) throw new TextError(sentence('api.noAttacker'));
      const set = await lab.attacker.set(args.attack.name, args.attack.params);
      if (!set.ok) throw refused(set);
    }
    const submitted = lab.sender.submit(args.request);
    if (!submitted.ok) throw refused(submitted);
    const message = await lab.sender.settled(submitted.message.id);
    if (wantsCapture(args.capture)) reportCapture(writeCaptureFiles(args.capture, lab.capture.export()));
    return { message, outcome: message.outcome! };
  } finally {
    await lab.close();
  }
}

/** A refusal of the lab as an error, its sentence kept for the learner's language. */
function refused(result: { message: string; messageText?: Text }): Error {
  return result.messageText ? new TextError(result.messageText) : new Error(result.message);
}

function reportCapture(lines: string[]): void {
  for (const line of lines) process.stderr.write(`smtp-lab send: ${line}\n`);
}

function text({ message, outcome }: SendReply): string {
  const lines = [`${message.id} ${message.state}`, ''];
  for (const a of message.attempts) {
    const tls = a.tls ? `${a.tls.version} ${a.tls.cipher}${a.tls.authenticated ? ` ${a.tls.authenticated}` : ''}` : say(sentence('cliSend.noTls'));
    lines.push(`  ${a.mxHost}${a.address ? ` [${a.address}]` : ''}  ${a.result}  (${tls})`, `    ${say(a.reasonText ?? a.reason)} [${a.rule}]`);
  }
  const notice = message.notice ? (message.notice.lines ? renderLines(cliLocale(), message.notice.lines) : message.notice.text) : '';
  lines.push('', notice, '', `outcome: delivered=${outcome.delivered} attackerRead=${outcome.attackerRead} stoppedBy=${outcome.stoppedBy ?? '-'}`, ...outcomeLines(outcome, message.state, cliLocale()).map((line) => `  ${line}`), '');
  return lines.join('\n');
}

/** The --json reply with the same keys, its free text (reasons, the notice) in `locale`. */
export function inLanguage(reply: SendReply, locale: Locale): SendReply {
  if (locale === 'en') return reply;
  const { message, outcome } = reply;
  return {
    message: {
      ...message,
      attempts: message.attempts.map((a) => ({ ...a, reason: renderText(locale, a.reasonText ?? a.reason) })),
      notice: message.notice && { ...message.notice, text: message.notice.lines ? renderLines(locale, message.notice.lines) : message.notice.text },
      outcome: message.outcome && { ...message.outcome, reason: renderText(locale, message.outcome.reasonText ?? message.outcome.reason) },
    },
    outcome: { ...outcome, reason: renderText(locale, outcome.reasonText ?? outcome.reason) },
  };
}
