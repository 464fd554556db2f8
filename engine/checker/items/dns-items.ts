// dnssec and dane: the domain's MX RRset and each MX host's address signed and validating
// (RFC 4035 §5), and the TLSA records of each MX host present, DNSSEC-secure and matching the
// certificates the server really sends (RFC 7672 §2.2, §3), with a key rollover scheme
// (RFC 7671 §8.1) remarked on.
import { X509Certificate } from 'node:crypto';
import type { CheckerItem } from '../../../common/checker.ts';
import { text, type Text } from '../../../common/i18n/text.ts';
import { matchChain } from '../../policy/dane/chain-match.ts';
import { daneRequirement } from '../../policy/dane/decision.ts';
import { tlsaData } from '../../policy/dane/tlsa-data.ts';
import { formatTlsa, tlsaUsability } from '../../policy/dane/tlsa-record.ts';
import type { DnssecStatus } from '../../policy/decision.ts';
import type { CheckerFacts, DnsFact, MxFacts } from '../facts.ts';
import { dnsLineWithReason, hostName, isItem, item, mxHostsOr } from './item.ts';

const dnssecStatus = (fact: DnsFact): DnssecStatus => (fact.status === 'unchecked' ? 'insecure' : fact.status);

/** The zone a name lives in, for advice: the signing zone when known, else the name's parent. */
const zoneOf = (fact: DnsFact, fallback: string): string => fact.zone ?? fallback;

export function dnssecItem(facts: CheckerFacts): CheckerItem {
  const lookups = [facts.mx, ...facts.hosts.map((h) => h.address)];
  const notSecure = lookups.filter((f) => f.status !== 'secure');
  const bogus = notSecure.filter((f) => f.status === 'bogus');
  const zones = [...new Set(notSecure.map((f) => (f === facts.mx ? facts.domain : zoneOf(f, f.name.split('.').slice(1).join('.')))))];
  const parent = (zone: string) => zone.split('.').slice(1).join('.') || '.';
  return item('dnssec', '08-dnssec', {
    pass: notSecure.length === 0,
    detail:
      notSecure.length === 0
        ? text('checker.dnssecPass', { domain: facts.domain })
        : text('text.plain', { text: notSecure.map((f) => text('checker.lookupStatus', { name: f.name, type: f.type, status: f.status })) }),
    evidence: lookups.map(dnsLineWithReason),
    fix: bogus.length
      ? {
          en: `The signatures of ${zones.join(', ')} do not validate: re-sign the zone with its current keys and keep the DS in the parent matching its KSK (zone editor: mode "signed").`,
          ja: `${zones.join('、')} の署名が検証に通りません。現在の鍵でゾーンに署名し直し、親ゾーンの DS を KSK と一致させてください（ゾーンエディタ：モード「signed」）。`,
          lines: zones.map((z) => `${z}. IN DNSKEY 257 3 13 <KSK>   ; and its DS in ${parent(z)}`),
        }
      : {
          en: `Sign ${zones.join(', ')} and publish its DS record in the parent zone, so validating resolvers can check every answer (zone editor: mode "signed").`,
          ja: `${zones.join('、')} に署名し、親ゾーンに DS レコードを公開してください。検証するリゾルバがすべての応答を確かめられるようになります（ゾーンエディタ：モード「signed」）。`,
          lines: zones.map((z) => `${z}. IN DS <key tag> 13 2 <SHA-256 of the KSK>   ; in ${parent(z)}`),
        },
  });
}

interface DaneHostVerdict {
  ok: boolean;
  line: Text;
  /** The record that would match the key the server presents now. */
  wanted?: string;
  rollover?: Text;
}

function judgeDane(domain: string, mxStatus: DnssecStatus, host: MxFacts, now: number): DaneHostVerdict {
  const tlsaName = `_25._tcp.${host.host}`;
  const leafDer = host.presentedChain[0];
  const wanted = leafDer ? `${tlsaName}. IN TLSA 3 1 1 ${tlsaData(new X509Certificate(Buffer.from(leafDer)), 1, 1).toString('hex')}` : undefined;
  const requirement = daneRequirement(
    { nextHopDomain: domain, mxHost: host.host },
    { mx: mxStatus, address: dnssecStatus(host.address), tlsa: { status: dnssecStatus(host.tlsa), records: host.tlsa.parsed } },
  );
  const records = text('checker.tlsaRecords', { status: host.tlsa.status, records: host.tlsa.records.join(' | ') || text('checker.none') });
  const base = { ...(wanted ? { wanted } : {}) };
  if (requirement.mode !== 'authenticate') return { ...base, ok: false, line: text('checker.daneNotUsed', { host: hostName(host), records, reason: requirement.reasonText ?? requirement.reason, rule: requirement.rule }) };
  if (!host.handshake?.ok || !leafDer) return { ...base, ok: false, line: text('checker.daneNoHandshake', { host: hostName(host), records, error: host.handshake?.errorText ?? host.handshake?.error ?? text('checker.noStarttls') }) };
  const match = matchChain({ chain: host.presentedChain, records: host.tlsa.parsed, referenceNames: requirement.referenceNames, now });
  const usable = host.tlsa.parsed.filter((r) => tlsaUsability(r).usable);
  const eeKeys = new Set(usable.filter((r) => r.usage === 3).map((r) => formatTlsa(r)));
  const hasTa = usable.some((r) => r.usage === 2);
  const rollover =
    eeKeys.size >= 2 || (eeKeys.size >= 1 && hasTa)
      ? text(hasTa ? 'checker.rolloverTa' : 'checker.rollover', { host: host.host, count: eeKeys.size })
      : text('checker.noRollover', { host: host.host });
  const line = text(match.matched ? 'checker.daneMatches' : 'checker.daneNoMatch', { host: hostName(host), records, count: host.presentedChain.length, reason: match.reasonText, rule: match.rule });
  return { ...base, ok: match.matched, line, rollover };
}

export function daneItem(facts: CheckerFacts): CheckerItem {
  const hosts = mxHostsOr(facts, 'dane', '09-dane');
  if (isItem(hosts)) return hosts;
  const verdicts = hosts.map((host) => ({ host, ...judgeDane(facts.domain, dnssecStatus(facts.mx), host, facts.now) }));
  const failing = verdicts.filter((v) => !v.ok);
  const insecure = [facts.mx, ...hosts.flatMap((h) => [h.address, h.tlsa])].some((f) => f.status !== 'secure');
  const wanted = failing.map((v) => v.wanted).filter((w): w is string => !!w);
  return item('dane', '09-dane', {
    pass: failing.length === 0,
    detail:
      failing.length === 0
        ? text('checker.danePass')
        : text(insecure ? 'checker.daneFailInsecure' : 'checker.daneFail', { hosts: failing.map((v) => v.host.host) }),
    evidence: verdicts.map((v) => v.line),
    notes: verdicts.map((v) => v.rollover).filter((r): r is Text => !!r),
    fix: {
      en: `${insecure ? 'DANE needs DNSSEC first (see the dnssec item). Then p' : 'P'}ublish a TLSA record for the key the server presents (DANE-EE, SPKI, SHA-256), replacing any record that does not match:`,
      ja: `${insecure ? 'DANE にはまず DNSSEC が必要です（dnssec の項目を参照）。そのうえで、' : ''}サーバーが提示している鍵の TLSA レコード（DANE-EE、SPKI、SHA-256）を公開し、一致しないレコードは置き換えてください：`,
      lines: wanted.length ? wanted : hosts.map((h) => `_25._tcp.${h.host}. IN TLSA 3 1 1 <SHA-256 of the server's SPKI>`),
    },
  });
}
