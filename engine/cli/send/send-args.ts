// `smtp-lab send` options to a SendRequest (common/sender.ts), with the attack to switch on.
import { parseArgs } from 'node:util';
import { ATTACK_NAMES, type AttackName } from '../../../common/attack.ts';
import { parseSendRequest } from '../../../common/protocol.ts';
import { SENDER_POLICIES, type SendRequest } from '../../../common/sender.ts';
import { parseParamPairs } from '../param-pairs.ts';

export const SEND_USAGE = `usage: smtp-lab send --from ADDRESS --to ADDRESS [--to ADDRESS ...] [--subject TEXT] [--body TEXT]
                     [--policy ${SENDER_POLICIES.join('|')}] [--dnssec] [--requiretls]
                     [--tls-required-no] [--no-scsv] [--attack NAME [--param NAME=VALUE ...]]
                     [--pcap FILE] [--keylog FILE] [--headless] [--json]
  Queues one message at mail.sender.example and waits for its first round of delivery.
  Without --policy the sender's main.cf decides (smtp_tls_security_level, smtp_tls_policy_maps ...;
  see smtp-lab postconf); --policy overrides it for this one message.
  With a running lab (npm start) the delivery shows in its trace; otherwise (or with --headless)
  a lab is started for this one delivery. With --attack in a running lab, the attack that was on
  before is put back afterwards. Exit status 0 only when the genuine mx.example.jp accepted the
  message; 1 when it was deferred, bounced, or taken by another server.
  --pcap FILE     write the delivery's connections as pcapng (lab addresses, the bytes on the wire)
  --keylog FILE   write the TLS secrets of those connections (NSS key log, Wireshark's tls.keylog_file)
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
    return (error as Error).message;
  }
  const v = parsed.values;
  if (!v.from || !v.to?.length) return '--from and --to are required';
  // Without --policy the sender's main.cf decides (smtp_tls_security_level ..., smtp-lab postconf).
  const policy = v.policy;
  if (policy !== undefined && !(SENDER_POLICIES as readonly string[]).includes(policy)) return `unknown policy "${policy}"; one of: ${SENDER_POLICIES.join(', ')}`;
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
  if (!request) return 'malformed address, subject or body';
  let attack: SendArgs['attack'] = null;
  if (v.attack) {
    if (!(ATTACK_NAMES as readonly string[]).includes(v.attack)) return `unknown attack "${v.attack}"; one of: ${ATTACK_NAMES.join(', ')}`;
    const params = parseParamPairs(v.param ?? []);
    if (typeof params === 'string') return params;
    attack = { name: v.attack as AttackName, params };
  } else if (v.param?.length) return '--param needs --attack';
  const capture = { ...(v.pcap !== undefined ? { pcap: v.pcap } : {}), ...(v.keylog !== undefined ? { keylog: v.keylog } : {}) };
  return { request, attack, headless: v.headless === true, json: v.json === true, capture };
}
