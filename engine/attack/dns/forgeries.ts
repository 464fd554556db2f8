// The DNS answers the attacker forges on the path between every lab resolver and the lab's
// authoritative server (engine/dns/resolver/forger.ts). A resolver that does not validate
// believes them; example.jp is signed, so a validating one finds the signatures no longer
// match and answers bogus (RFC 4035 §5.5, RFC 4033 §3).

import { english, text, type Text } from '../../../common/i18n/text.ts';
import { LAB_NS } from '../../dns/zone/lab-zones.ts';
import { tlsa311 } from '../../dns/lab/pki-tlsa.ts';
import { answerForger, dropForger, type DnsForger } from '../../dns/resolver/forger.ts';
import type { Rr } from '../../dns/wire/records.ts';
import type { AttackRun, Installation } from '../attack-module.ts';
import { ATTACKER_MX, linkName, MX_HOST, SENDER_NODE, TERMINAL_NODE, VICTIM_DOMAIN } from '../lab-names.ts';

export interface ForgeryChoice {
  /** example.jp MX → the attacker's MTA. */
  mx?: boolean;
  /** _mta-sts.example.jp TXT: answered as absent, or never answered. */
  mtaSts?: 'remove' | 'drop';
  /** _25._tcp.mx.example.jp TLSA → 3 1 1 of the attacker's misissued certificate. */
  tlsa?: boolean;
}

const TTL = 300;
const DNS_CLIENTS = [SENDER_NODE, TERMINAL_NODE];
const MTA_STS_NAME = `_mta-sts.${VICTIM_DOMAIN}`;
const TLSA_NAME = `_25._tcp.${MX_HOST}`;

interface Forgery {
  forger: DnsForger;
  /** What the row says the attacker made the answer say. */
  what: Text;
  name: string;
  type: string;
}

async function forgeries(run: AttackRun, choice: ForgeryChoice): Promise<Forgery[]> {
  const out: Forgery[] = [];
  if (choice.mx) {
    const mx: Rr = { name: VICTIM_DOMAIN, type: 'MX', ttl: TTL, class: 'IN', data: { preference: 10, exchange: ATTACKER_MX } };
    out.push({ forger: answerForger(VICTIM_DOMAIN, 'MX', [mx], `dns-spoof: ${VICTIM_DOMAIN} MX`), what: text('attack.forgeMx', { domain: VICTIM_DOMAIN, mx: ATTACKER_MX }), name: VICTIM_DOMAIN, type: 'MX' });
  }
  if (choice.mtaSts === 'remove') {
    out.push({ forger: answerForger(MTA_STS_NAME, 'TXT', [], `dns-spoof: ${MTA_STS_NAME} TXT`), what: text('attack.forgeNoStsTxt', { name: MTA_STS_NAME }), name: MTA_STS_NAME, type: 'TXT' });
  } else if (choice.mtaSts === 'drop') {
    out.push({ forger: dropForger(MTA_STS_NAME, 'TXT'), what: text('attack.forgeDropStsTxt', { name: MTA_STS_NAME }), name: MTA_STS_NAME, type: 'TXT' });
  }
  if (choice.tlsa) {
    const misissued = await run.ctx.pki.variant(MX_HOST, 'misissued');
    const tlsa: Rr = { name: TLSA_NAME, type: 'TLSA', ttl: TTL, class: 'IN', data: tlsa311(misissued.certPem) };
    out.push({ forger: answerForger(TLSA_NAME, 'TLSA', [tlsa], `dns-spoof: ${TLSA_NAME} TLSA`), what: text('attack.forgeTlsa', { name: TLSA_NAME }), name: TLSA_NAME, type: 'TLSA' });
  }
  return out;
}

/** Lab resolvers cache answers; the forged ones should count from now, the real ones again after. */
function forgetCachedAnswers(run: AttackRun): void {
  for (const client of DNS_CLIENTS) for (const validate of [false, true]) run.ctx.dns.resolver(client, { validate }).flush();
}

export async function installForgeries(run: AttackRun, choice: ForgeryChoice): Promise<Installation> {
  const list = await forgeries(run, choice);
  if (list.length === 0) return { links: [], stop() {} };
  const removals = list.map((f) => run.ctx.dns.forgers.add(f.forger));
  forgetCachedAnswers(run);
  for (const f of list) {
    run.rows.general(
      {
        action: 'forge',
        said: text('attack.dnsForged', { name: f.name, type: f.type, what: f.what }),
        fields: { name: f.name, type: f.type, forged: english(f.what), forgedText: f.what },
        rule: 'RFC 4035 §5.5',
      },
      { from: SENDER_NODE, to: LAB_NS, port: 53 },
    );
  }
  return {
    links: DNS_CLIENTS.map((from) => linkName({ from, to: LAB_NS, port: 53 })),
    stop() {
      for (const remove of removals) remove();
      forgetCachedAnswers(run);
    },
  };
}
