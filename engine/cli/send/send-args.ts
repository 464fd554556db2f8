// `smtp-lab send` options to a SendRequest (common/sender.ts), with the attack to switch on.
import { parseArgs } from 'node:util';
import { ATTACK_NAMES, type AttackName } from '../../../common/attack.ts';
import { text } from '../../../common/i18n/text.ts';
import { parseSendRequest } from '../../../common/protocol.ts';
import { SENDER_POLICIES, type SendRequest } from '../../../common/sender.ts';
import { say, sayIndented } from '../cli-locale.ts';
import { errorSentence } from '../../../common/i18n/text-error.ts';
import { parseParamPairs } from '../param-pairs.ts';
import { parseArgsProblem } from '../parse-args-problem.ts';

/** The usage of `smtp-lab send`, its explanations in the CLI's language. */
export const sendUsage = () => `usage: smtp-lab send --from ADDRESS --to ADDRESS [--to ADDRESS ...] [--subject TEXT] [--body TEXT]
                     [--policy ${SENDER_POLICIES.join('|')}] [--dnssec] [--requiretls]
                     [--tls-required-no] [--no-scsv] [--attack NAME [--param NAME=VALUE ...]]
                     [--pcap FILE] [--keylog FILE] [--headless] [--json]
${sayIndented(text('sendUsage.body'))}
  --pcap FILE     ${say(text('sendUsage.pcap'))}
  --keylog FILE   ${say(text('sendUsage.keylog'))}
`;

export interface SendArgs {
  request: SendRequest;
  attack: { name: AttackName; params: Record<string, string> } | null;
  headless: boolean;
  json: boolean;
  /** --pcap / --keylog: where to write the delivery's capture. */
  capture: { pcap?: string; keylog?: string };
}

export function parseSendArgs(argv: string[]): SendArgs | string {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        from: { type: 'string' },
        to: { type: 'string', multiple: true },
        subject: { type: 'string' },
        body: { type: 'string' },
        policy: { type: 'string' },
        dnssec: { type: 'boolean' },
        requiretls: { type: 'boolean' },
        'tls-required-no': { type: 'boolean' },
        'no-scsv': { type: 'boolean' },
        attack: { type: 'string' },
        param: { type: 'string', multiple: true },
        headless: { type: 'boolean' },
        json: { type: 'boolean' },
        pcap: { type: 'string' },
        keylog: { type: 'string' },
      },
    });
  } catch (error) {
    return say(parseArgsProblem(error) ?? errorSentence(error));
  }
  const v = parsed.values;
  if (!v.from || !v.to?.length) return say(text('sendArgs.fromTo'));
  // Without --policy the sender's main.cf decides (smtp_tls_security_level ..., smtp-lab postconf).
  const policy = v.policy;
  if (policy !== undefined && !(SENDER_POLICIES as readonly string[]).includes(policy)) return say(text('sendArgs.unknownPolicy', { policy, names: SENDER_POLICIES.join(', ') }));
  const request = parseSendRequest({
    from: v.from,
    to: v.to,
    subject: v.subject ?? 'SMTP Lab test message',
    body: v.body ?? 'Hello from mail.sender.example.\n',
    ...(policy !== undefined ? { policy } : {}),
    ...(v.dnssec ? { dnssec: true } : {}),
    ...(v.requiretls ? { requireTls: true } : {}),
    ...(v['tls-required-no'] ? { tlsRequiredNo: true } : {}),
    ...(v['no-scsv'] ? { fallbackScsv: false } : {}),
  });
  if (!request) return say(text('sendArgs.malformed'));
  let attack: SendArgs['attack'] = null;
  if (v.attack) {
    if (!(ATTACK_NAMES as readonly string[]).includes(v.attack)) return say(text('sendArgs.unknownAttack', { name: v.attack, names: ATTACK_NAMES.join(', ') }));
    const params = parseParamPairs(v.param ?? []);
    if (typeof params === 'string') return params;
    attack = { name: v.attack as AttackName, params };
  } else if (v.param?.length) return say(text('sendArgs.paramNeedsAttack'));
  const capture = { ...(v.pcap !== undefined ? { pcap: v.pcap } : {}), ...(v.keylog !== undefined ? { keylog: v.keylog } : {}) };
  return { request, attack, headless: v.headless === true, json: v.json === true, capture };
}
