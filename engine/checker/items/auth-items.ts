// spf, dkim, dmarc (and arc, bimi as information): the domain's sender-authentication records as
// internet.nl's mail test reads them. SPF: one v=spf1 record (RFC 7208 §4.5) that ends in -all or
// ~all, so an address it does not list fails; DKIM: `_domainkey` exists (RFC 6376 §3.6.2.1, an
// NXDOMAIN there means no selector below, RFC 8020); DMARC: one v=DMARC1 record (RFC 7489 §6.6.3)
// with p=quarantine or p=reject.
import type { CheckerItem } from '../../../common/checker.ts';
import { text, type Text } from '../../../common/i18n/text.ts';
import { recordTags } from '../../nodes/receiver/auth/evaluate-auth.ts';
import type { CheckerFacts, SenderAuthFacts } from '../facts.ts';
import { dnsLine, item } from './item.ts';

const notLooked = (facts: CheckerFacts): SenderAuthFacts | null => facts.senderAuth ?? null;

export function spfItem(facts: CheckerFacts): CheckerItem {
  const { domain } = facts;
  const fix = {
    en: `Publish one SPF record that lists the hosts sending mail for ${domain} and ends in -all (or ~all while you find them all):`,
    ja: `${domain} のメールを送るホストを列挙し、-all（すべてを把握するまでは ~all）で終わる SPF レコードを 1 つだけ公開してください：`,
    lines: [`${domain}. IN TXT "v=spf1 mx -all"`],
  };
  const auth = notLooked(facts);
  if (!auth) return item('spf', '12-spf', { pass: false, detail: text('checker.authNotLooked'), evidence: [], fix });
  const evidence: (Text | string)[] = [dnsLine(auth.spf.txt)];
  if (auth.spf.records.length === 0) return item('spf', '12-spf', { pass: false, detail: text('checker.spfNone', { domain }), evidence, fix });
  if (auth.spf.records.length > 1) return item('spf', '12-spf', { pass: false, detail: text('checker.spfSeveral', { count: auth.spf.records.length }), evidence, fix });
  const unlisted = auth.spf.unlisted;
  if (unlisted) evidence.push(text('checker.spfUnlisted', { result: unlisted.result }));
  const result = unlisted?.result ?? 'none';
  if (result === 'permerror' || result === 'temperror') return item('spf', '12-spf', { pass: false, detail: text('checker.spfError', { result }), evidence, fix });
  if (result !== 'fail' && result !== 'softfail') return item('spf', '12-spf', { pass: false, detail: text('checker.spfPermissive', { result }), evidence, fix });
  return item('spf', '12-spf', { pass: true, detail: text('checker.spfPass', { result }), evidence, notes: result === 'softfail' ? [text('checker.spfSoftfail')] : [] });
}

export function dkimItem(facts: CheckerFacts): CheckerItem {
  const { domain } = facts;
  const fix = {
    en: `Sign outgoing mail with DKIM and publish the key under a selector (lab dkim record current prints the record of the lab's key):`,
    ja: `送信するメールに DKIM で署名し、鍵をセレクタの下に公開してください（実習用の鍵のレコードは lab dkim record current で表示できます）：`,
    lines: [`mail1._domainkey.${domain}. IN TXT "v=DKIM1; k=rsa; p=<public key>"`],
  };
  const auth = notLooked(facts);
  if (!auth) return item('dkim', '13-dkim', { pass: false, detail: text('checker.authNotLooked'), evidence: [], fix });
  const evidence = [dnsLine(auth.domainkey)];
  const exists = auth.domainkey.rcode === 'NOERROR';
  return item('dkim', '13-dkim', { pass: exists, detail: text(exists ? 'checker.dkimPass' : 'checker.dkimNone', { name: `_domainkey.${domain}`, rcode: auth.domainkey.rcode }), evidence, notes: [text('checker.dkimSelectors')], fix });
}

export function dmarcItem(facts: CheckerFacts): CheckerItem {
  const { domain } = facts;
  const fix = {
    en: `Publish one DMARC record with p=quarantine or p=reject, and an aggregate report address:`,
    ja: `p=quarantine か p=reject と集計レポートの宛先を持つ DMARC レコードを 1 つだけ公開してください：`,
    lines: [`_dmarc.${domain}. IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@${domain}"`],
  };
  const auth = notLooked(facts);
  if (!auth) return item('dmarc', '14-dmarc', { pass: false, detail: text('checker.authNotLooked'), evidence: [], fix });
  const evidence = [dnsLine(auth.dmarc.txt)];
  if (auth.dmarc.records.length !== 1) return item('dmarc', '14-dmarc', { pass: false, detail: text(auth.dmarc.records.length === 0 ? 'checker.dmarcNone' : 'checker.dmarcSeveral', { domain, count: auth.dmarc.records.length }), evidence, fix });
  const tags = recordTags(auth.dmarc.records[0]);
  const policy = (tags.p ?? '').toLowerCase();
  const notes = tags.rua ? [] : [text('checker.dmarcNoRua')];
  if (!['none', 'quarantine', 'reject'].includes(policy)) return item('dmarc', '14-dmarc', { pass: false, detail: text('checker.dmarcBadPolicy', { policy: tags.p ?? '' }), evidence, notes, fix });
  if (policy === 'none') return item('dmarc', '14-dmarc', { pass: false, detail: text('checker.dmarcNonePolicy'), evidence, notes, fix });
  return item('dmarc', '14-dmarc', { pass: true, detail: text('checker.dmarcPass', { policy }), evidence, notes });
}

export function arcItem(): CheckerItem {
  return { ...item('arc', '15-arc', { pass: true, detail: text('checker.arcInfo'), evidence: [] }), info: true };
}

export function bimiItem(facts: CheckerFacts): CheckerItem {
  const auth = notLooked(facts);
  const records = auth?.bimi.records ?? [];
  return { ...item('bimi', '14-dmarc', { pass: true, detail: text(records.length ? 'checker.bimiFound' : 'checker.bimiNone', { domain: facts.domain }), evidence: auth ? [dnsLine(auth.bimi.txt)] : [] }), info: true };
}
