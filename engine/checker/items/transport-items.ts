// starttls, tls-version and ciphers: what every MX host of the domain offers on port 25, as a
// remote tester sees it (RFC 3207; NCSC-NL TLS guidelines 2021, as internet.nl applies them).
import type { CheckerItem } from '../../../common/checker.ts';
import type { CheckerFacts, MxFacts } from '../facts.ts';
import { text, type Text } from '../../../common/i18n/text.ts';
import { cipherClass, classText, passes, versionClass, versionLabel, type CipherVerdict } from '../tls-classes.ts';
import { hostName, isItem, item, LAB_CHAIN_FILES, mxHostsOr } from './item.ts';

function starttlsLine(host: MxFacts): Text {
  const name = hostName(host);
  if (host.unreachable) return text('checker.hostWhy', { host: name, why: host.unreachableText ?? host.unreachable });
  const ehlo = text('checker.ehloReply', { keywords: host.ehlo.join(' ') || text('checker.ehloNone') });
  if (!host.starttlsOffered) return text('checker.noStarttlsInEhlo', { host: name, ehlo });
  const hs = host.handshake;
  if (!hs?.ok) return text('checker.handshakeFailed', { host: name, error: hs?.errorText ?? hs?.error ?? text('checker.noHandshake') });
  return text('checker.starttlsOk', { host: name, version: versionLabel(hs.version ?? ''), cipher: hs.cipher ?? '' });
}

export function starttlsItem(facts: CheckerFacts): CheckerItem {
  const hosts = mxHostsOr(facts, 'starttls', '03-starttls');
  if (isItem(hosts)) return hosts;
  const failing = hosts.filter((h) => !h.starttlsOffered || !h.handshake?.ok);
  const stripped = failing.some((h) => !h.unreachable && !h.starttlsOffered);
  return item('starttls', '03-starttls', {
    pass: failing.length === 0,
    detail:
      failing.length === 0
        ? text('checker.starttlsPass', { count: hosts.length })
        : text(failing.length === 1 ? 'checker.starttlsFailOne' : 'checker.starttlsFailMany', { hosts: failing.map((h) => h.host) }),
    evidence: hosts.map(starttlsLine),
    notes: stripped ? [text('checker.starttlsStripped')] : [],
    fix: {
      en: 'Offer STARTTLS on port 25 with a certificate for the MX name (Postfix main.cf):',
      ja: 'ポート 25 で、MX 名の証明書を使って STARTTLS を提示してください（Postfix の main.cf）：',
      lines: ['smtpd_tls_security_level = may', LAB_CHAIN_FILES],
    },
  });
}

/** "TLS_AES_128_GCM_SHA256 (good)". */
const suiteText = (v: CipherVerdict): Text => text('checker.cipherClass', { cipher: v.cipher, class: classText(v.class) });

/** What to change when a host offered no STARTTLS: its TLS cannot be judged before that. */
const STARTTLS_FIRST = {
  en: 'Offer STARTTLS first (see the starttls item): without it the checker cannot test TLS at all.',
  ja: 'まず STARTTLS を提示してください（starttls の項目を参照）。それがないと TLS をまったくテストできません。',
  lines: ['smtpd_tls_security_level = may', LAB_CHAIN_FILES],
};

/** Hosts that answered STARTTLS: the only ones whose TLS can be judged. */
function tlsHosts(hosts: MxFacts[]): MxFacts[] {
  return hosts.filter((h) => h.starttlsOffered);
}

export function tlsVersionItem(facts: CheckerFacts): CheckerItem {
  const hosts = mxHostsOr(facts, 'tls-version', '05-tls-downgrade');
  if (isItem(hosts)) return hosts;
  const tested = tlsHosts(hosts);
  const evidence: Text[] = [];
  const bad: Text[] = [];
  for (const host of tested) {
    const accepted = host.versions.filter((v) => v.accepted);
    const refused = host.versions.filter((v) => !v.accepted);
    evidence.push(
      text('checker.accepts', {
        host: hostName(host),
        accepted: accepted.length ? accepted.map((v) => text('checker.versionClass', { version: versionLabel(v.version), class: classText(versionClass(v.version)) })) : text('checker.noTlsVersion'),
        refused: refused.length ? refused.map((v) => versionLabel(v.version)) : text('checker.none'),
      }),
    );
    for (const v of accepted) if (!passes(versionClass(v.version))) bad.push(text('text.plain', { text: `${host.host} ${versionLabel(v.version)}` }));
    if (accepted.length === 0) bad.push(text('checker.hostNoVersion', { host: host.host }));
  }
  for (const host of hosts.filter((h) => !h.starttlsOffered)) evidence.push(text('checker.notTested', { host: hostName(host) }));
  const pass = tested.length === hosts.length && bad.length === 0;
  return item('tls-version', '05-tls-downgrade', {
    pass,
    detail: pass
      ? text('checker.versionPass')
      : tested.length < hosts.length
        ? text('checker.untestedHost')
        : text('checker.versionFail', { list: bad }),
    evidence,
    notes: [text('checker.noSsl')],
    fix: tested.length < hosts.length ? STARTTLS_FIRST : {
      en: 'Accept TLS 1.2 and 1.3 only; TLS 1.0 and 1.1 are phase-out and let a downgrade reach them (Postfix main.cf):',
      ja: 'TLS 1.2 と 1.3 だけを受け付けてください。TLS 1.0／1.1 は「段階的廃止」で、ダウングレード攻撃の行き先になります（Postfix の main.cf）：',
      lines: ['smtpd_tls_protocols = >=TLSv1.2', 'smtpd_tls_mandatory_protocols = >=TLSv1.2'],
    },
  });
}

export function ciphersItem(facts: CheckerFacts): CheckerItem {
  const hosts = mxHostsOr(facts, 'ciphers', '05-tls-downgrade');
  if (isItem(hosts)) return hosts;
  const tested = tlsHosts(hosts);
  const evidence: Text[] = [];
  const bad: CipherVerdict[] = [];
  for (const host of tested) {
    for (const version of [...new Set(host.ciphers.map((c) => c.version))]) {
      const verdicts = host.ciphers.filter((c) => c.version === version).map((c) => cipherClass(c.cipher));
      evidence.push(text('checker.hostVersionSuites', { host: hostName(host), version: versionLabel(version), list: verdicts.map(suiteText) }));
      for (const v of verdicts) if (!passes(v.class) && !bad.some((b) => b.cipher === v.cipher)) bad.push(v);
    }
    if (host.ciphers.length === 0) evidence.push(text('checker.noSuite', { host: hostName(host) }));
  }
  for (const host of hosts.filter((h) => !h.starttlsOffered)) evidence.push(text('checker.notTested', { host: hostName(host) }));
  const pass = tested.length === hosts.length && bad.length === 0 && tested.every((h) => h.ciphers.length > 0);
  const words = [...new Set(bad.map((b) => b.exclude).filter((w): w is string => !!w))];
  return item('ciphers', '05-tls-downgrade', {
    pass,
    detail: pass
      ? text('checker.ciphersPass')
      : bad.length > 0
        ? text('checker.ciphersFail', { count: bad.length, list: bad.map(suiteText) })
        : text('checker.ciphersUntested'),
    evidence: [...evidence, ...bad.map((b) => text('checker.cipherReason', { cipher: b.cipher, reason: b.reasonText }))],
    notes: [text('checker.noOldSuites')],
    fix: bad.length === 0 ? STARTTLS_FIRST : {
      en: `Accept only good and sufficient suites: the "high" list without ${words.join(', ')} (Postfix main.cf):`,
      ja: `「良い」「十分」の暗号スイートだけを受け付けてください。high の一覧から ${words.join('、')} を除きます（Postfix の main.cf）：`,
      lines: ['smtpd_tls_ciphers = high', 'smtpd_tls_mandatory_ciphers = high', `smtpd_tls_exclude_ciphers = ${['aNULL', 'eNULL', ...words.filter((w) => w !== 'aNULL' && w !== 'eNULL')].join(', ')}`],
    },
  });
}
