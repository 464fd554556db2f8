// starttls, tls-version and ciphers: what every MX host of the domain offers on port 25, as a
// remote tester sees it (RFC 3207; NCSC-NL TLS guidelines 2021, as internet.nl applies them).
import type { CheckerItem } from '../../../common/checker.ts';
import type { CheckerFacts, MxFacts } from '../facts.ts';
import { cipherClass, passes, versionClass, versionLabel, type CipherVerdict } from '../tls-classes.ts';
import { hostName, isItem, item, LAB_CHAIN_FILES, mxHostsOr } from './item.ts';

function starttlsLine(host: MxFacts): string {
  if (host.unreachable) return `${hostName(host)}: ${host.unreachable}`;
  const ehlo = `EHLO reply: ${host.ehlo.join(' ') || '(none)'}`;
  if (!host.starttlsOffered) return `${hostName(host)}: no STARTTLS in the EHLO reply (${ehlo})`;
  const hs = host.handshake;
  if (!hs?.ok) return `${hostName(host)}: STARTTLS offered, but the handshake failed: ${hs?.error ?? 'no handshake'}`;
  return `${hostName(host)}: STARTTLS offered; handshake ${versionLabel(hs.version ?? '')} ${hs.cipher}`;
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
        ? `every MX host (${hosts.length}) offers STARTTLS and completes a TLS handshake`
        : `${failing.map((h) => h.host).join(', ')} ${failing.length === 1 ? 'does' : 'do'} not offer a working STARTTLS (RFC 3207)`,
    evidence: hosts.map(starttlsLine),
    notes: stripped ? ['If the server is configured to offer STARTTLS, something on the path removed it: compare the EHLO reply in the trace with the server\'s configuration.'] : [],
    fix: {
      en: 'Offer STARTTLS on port 25 with a certificate for the MX name (Postfix main.cf):',
      ja: 'ポート 25 で、MX 名の証明書を使って STARTTLS を提示してください（Postfix の main.cf）：',
      lines: ['smtpd_tls_security_level = may', LAB_CHAIN_FILES],
    },
  });
}

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
  const evidence: string[] = [];
  const bad: string[] = [];
  for (const host of tested) {
    const accepted = host.versions.filter((v) => v.accepted);
    const refused = host.versions.filter((v) => !v.accepted);
    evidence.push(`${hostName(host)}: accepts ${accepted.map((v) => `${versionLabel(v.version)} (${versionClass(v.version)})`).join(', ') || 'no TLS version'}; refuses ${refused.map((v) => versionLabel(v.version)).join(', ') || 'none'}`);
    for (const v of accepted) if (!passes(versionClass(v.version))) bad.push(`${host.host} ${versionLabel(v.version)}`);
    if (accepted.length === 0) bad.push(`${host.host}: no version`);
  }
  for (const host of hosts.filter((h) => !h.starttlsOffered)) evidence.push(`${hostName(host)}: not tested (no STARTTLS)`);
  const pass = tested.length === hosts.length && bad.length === 0;
  return item('tls-version', '05-tls-downgrade', {
    pass,
    detail: pass
      ? 'only TLS 1.3 and TLS 1.2 (good) are accepted'
      : tested.length < hosts.length
        ? 'a host without STARTTLS cannot be tested'
        : `accepted versions the guidelines call phase-out: ${bad.join(', ')}`,
    evidence,
    notes: ['SSL 3.0 and 2.0 (insufficient) are not offered: OpenSSL 3, which the checker uses, no longer speaks them.'],
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
  const evidence: string[] = [];
  const bad: CipherVerdict[] = [];
  for (const host of tested) {
    for (const version of [...new Set(host.ciphers.map((c) => c.version))]) {
      const verdicts = host.ciphers.filter((c) => c.version === version).map((c) => cipherClass(c.cipher));
      evidence.push(`${hostName(host)} ${versionLabel(version)}: ${verdicts.map((v) => `${v.cipher} (${v.class})`).join(', ')}`);
      for (const v of verdicts) if (!passes(v.class) && !bad.some((b) => b.cipher === v.cipher)) bad.push(v);
    }
    if (host.ciphers.length === 0) evidence.push(`${hostName(host)}: no suite accepted`);
  }
  for (const host of hosts.filter((h) => !h.starttlsOffered)) evidence.push(`${hostName(host)}: not tested (no STARTTLS)`);
  const pass = tested.length === hosts.length && bad.length === 0 && tested.every((h) => h.ciphers.length > 0);
  const words = [...new Set(bad.map((b) => b.exclude).filter((w): w is string => !!w))];
  return item('ciphers', '05-tls-downgrade', {
    pass,
    detail: pass
      ? 'every accepted cipher suite is good or sufficient'
      : bad.length > 0
        ? `accepts ${bad.length} suite(s) that are phase-out or insufficient: ${bad.map((b) => `${b.cipher} (${b.class})`).join(', ')}`
        : 'the cipher suites could not be tested',
    evidence: [...evidence, ...bad.map((b) => `${b.cipher}: ${b.reason}`)],
    notes: ['Suites OpenSSL 3 no longer builds (RC4, export, SSL 2.0) cannot be offered by the checker.'],
    fix: bad.length === 0 ? STARTTLS_FIRST : {
      en: `Accept only good and sufficient suites: the "high" list without ${words.join(', ')} (Postfix main.cf):`,
      ja: `「良い」「十分」の暗号スイートだけを受け付けてください。high の一覧から ${words.join('、')} を除きます（Postfix の main.cf）：`,
      lines: ['smtpd_tls_ciphers = high', 'smtpd_tls_mandatory_ciphers = high', `smtpd_tls_exclude_ciphers = ${['aNULL', 'eNULL', ...words.filter((w) => w !== 'aNULL' && w !== 'eNULL')].join(', ')}`],
    },
  });
}
