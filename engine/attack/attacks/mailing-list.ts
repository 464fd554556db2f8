// mailing-list: mail.attacker.example runs a list the recipient is on. Like most lists it tags
// the Subject, adds a footer and sends with its own envelope sender (RFC 7960 §3.2.3): the
// original DKIM signature breaks, SPF passes only for the list's domain, and DMARC of the
// author's domain fails. With arc=on the list first records what it verified and seals it with
// ARC (RFC 8617 §5.1); a receiver that trusts the list can accept the message on that record.
import { generateKeyPairSync } from 'node:crypto';
import { text } from '../../../common/i18n/text.ts';
import type { AttackModule } from '../attack-module.ts';
import { installHop } from '../hop/hop-mta.ts';
import { listRewrite } from '../hop/rewrites.ts';
import { mailauthResolver } from '../../nodes/receiver/auth/mailauth-resolver.ts';
import { txtValue } from '../../nodes/sender/dkim/mail-dkim-keys.ts';
import { ATTACKER_MX } from '../lab-names.ts';

export const LIST_DOMAIN = 'attacker.example';
export const LIST_ADDRESS = `list@${LIST_DOMAIN}`;
export const LIST_BOUNCES = `list-bounces@${LIST_DOMAIN}`;
export const ARC_SELECTOR = 'arc';

// The list's sealing key lives as long as the process: its public half is published while the attack is on.
let sealingKey: { privateKeyPem: string; txt: string } | null = null;
function listKey() {
  if (!sealingKey) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    sealingKey = { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), txt: `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}` };
  }
  return sealingKey;
}

export const mailingList: AttackModule = {
  info: {
    name: 'mailing-list',
    title: { en: 'Mailing-list hop (breaks DKIM; ARC keeps the result)', ja: 'メーリングリスト経由（DKIM が壊れ、ARC が結果を残す）' },
    description: {
      en: 'mail.attacker.example runs the list list@attacker.example: it adds "[list]" to the Subject and a footer to the body, and sends from list-bounces@attacker.example at 203.0.113.66. The author\'s DKIM signature breaks and DMARC fails. With arc=on the list seals what it verified with ARC (d=attacker.example, s=arc).',
      ja: 'mail.attacker.example がメーリングリスト list@attacker.example を運用します。Subject に「[list]」、本文にフッターを付け、203.0.113.66 から list-bounces@attacker.example として送ります。作成者の DKIM 署名は壊れ、DMARC は fail になります。arc=on なら、リストは自分が検証した結果を ARC（d=attacker.example、s=arc）で封印します。',
    },
    target: 'smtp',
    params: [{ name: 'arc', description: { en: 'on: seal the list\'s verification results with ARC; off: no ARC', ja: 'on: リストの検証結果を ARC で封印する、off: ARC なし' }, values: ['on', 'off'] }],
    stoppedBy: {
      en: 'Not an attack on its own: DMARC (RFC 7489) fails for the author\'s domain; ARC (RFC 8617) lets a receiver that trusts the list see that SPF, DKIM and DMARC passed before the list changed the message',
      ja: '単独では攻撃ではない：作成者のドメインの DMARC（RFC 7489）は fail。ARC（RFC 8617）があれば、リストを信頼する受信側は、リストが変更する前に SPF・DKIM・DMARC が pass していたことを確かめられる',
    },
  },
  async start(run) {
    const seal = run.params.arc === 'on';
    // mailauth's entry loads BIMI and VMC too (a quarter of a second): only this attack needs it.
    const { authenticate, sealMessage } = await import('mailauth');
    const key = listKey();
    const recordName = `${ARC_SELECTOR}._domainkey.${LIST_DOMAIN}`;
    const editor = run.ctx.dns.editor;
    if (seal) {
      const added = editor.apply({ op: 'replace', zone: LIST_DOMAIN, name: recordName, type: 'TXT', value: txtValue(key.txt) });
      if (!added.ok) throw new Error(added.message);
    }
    const hop = await installHop(run, async (message, from) => {
      const rewritten = listRewrite(message.bytes, { tag: '[list]', footer: `You are subscribed to ${LIST_ADDRESS}.`, listId: `<list.${LIST_DOMAIN}>` });
      let bytes = rewritten;
      if (seal) {
        // What the list verified on arrival becomes its ARC-Authentication-Results (RFC 8617 §4.1.1).
        const resolver = mailauthResolver(run.ctx.dns.resolver(ATTACKER_MX, { validate: true })) as never;
        const checked = await authenticate(message.bytes, { ip: from.address, helo: from.helo, sender: message.mailFrom, mta: ATTACKER_MX, resolver, disableBimi: true });
        const authResults = (checked.arc as { authResults?: string } | false) && (checked.arc as { authResults?: string }).authResults;
        const sealed = await sealMessage(rewritten, { signingDomain: LIST_DOMAIN, selector: ARC_SELECTOR, privateKey: key.privateKeyPem, authResults, cv: 'none' } as never);
        bytes = Buffer.concat([sealed, rewritten]);
      }
      return { mailFrom: LIST_BOUNCES, rcptTo: message.rcptTo, bytes, said: text(seal ? 'attack.listSealed' : 'attack.listRewrote', { list: LIST_ADDRESS }) };
    });
    return {
      links: hop.links,
      async stop() {
        await hop.stop();
        if (seal) editor.apply({ op: 'delete', zone: LIST_DOMAIN, name: recordName, type: 'TXT' });
      },
    };
  },
};
