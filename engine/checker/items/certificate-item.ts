// certificate: the certificate each MX host presents, judged as a sender applying MTA-STS must
// (RFC 8461 §4.2): a chain to a trusted root (RFC 5280), the MX name among its DNS-IDs
// (RFC 6125 §6.4), today within its dates; and a key size the NCSC-NL guidelines accept.
import { X509Certificate } from 'node:crypto';
import type { CheckerItem } from '../../../common/checker.ts';
import { text, type Text } from '../../../common/i18n/text.ts';
import { certificateDnsIds, matchAnyName } from '../../policy/cert-names.ts';
import type { CheckerFacts, MxFacts } from '../facts.ts';
import { clauses, hostName, isItem, item, LAB_CHAIN_FILES, mxHostsOr } from './item.ts';

type Problem = 'not-trusted' | 'name' | 'expired' | 'not-yet-valid' | 'weak-key' | 'no-certificate';

const NAME_ERRORS = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH']);
const DATE_ERRORS = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

interface HostCertificate {
  lines: Text[];
  problems: Problem[];
}

function keyLine(cert: X509Certificate): { text: Text | string; weak: boolean } {
  const key = cert.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa') {
    const bits = details.modulusLength ?? 0;
    return { text: text('checker.rsaBits', { bits }), weak: bits < 2048 };
  }
  if (key.asymmetricKeyType === 'ec') {
    const curve = details.namedCurve ?? 'unknown curve';
    return { text: `ECDSA ${curve}`, weak: !['prime256v1', 'secp384r1', 'secp521r1'].includes(curve) };
  }
  return { text: key.asymmetricKeyType ?? 'unknown key', weak: !['ed25519', 'ed448'].includes(key.asymmetricKeyType ?? '') };
}

function judgeHost(host: MxFacts, now: number): HostCertificate {
  const leafDer = host.presentedChain[0];
  if (!host.handshake?.ok || !leafDer) return { lines: [text('checker.noCertSeen', { host: hostName(host), error: host.handshake?.errorText ?? host.handshake?.error ?? text('checker.noTls') })], problems: ['no-certificate'] };
  const leaf = new X509Certificate(Buffer.from(leafDer));
  const names = certificateDnsIds(leaf);
  const problems: Problem[] = [];
  const code = host.handshake.authorizationError;
  // OpenSSL's chain verdict, apart from the name and date problems judged below on their own.
  const chainOk = !code || NAME_ERRORS.has(code) || DATE_ERRORS.has(code);
  if (!chainOk) problems.push('not-trusted');
  const nameOk = matchAnyName(names, [host.host]).matched;
  if (!nameOk) problems.push('name');
  const from = Date.parse(leaf.validFrom);
  const to = Date.parse(leaf.validTo);
  if (now > to) problems.push('expired');
  if (now < from) problems.push('not-yet-valid');
  const key = keyLine(leaf);
  if (key.weak) problems.push('weak-key');
  const issuer = leaf.issuer.replace(/\n/g, ', ');
  return {
    problems,
    lines: [
      text('checker.certSubject', { host: hostName(host), subject: leaf.subject.replace(/\n/g, ', '), issuer, count: host.presentedChain.length }),
      chainOk ? text('checker.chainTrusted') : text('checker.chainNotTrusted', { code: code ?? '' }),
      text(nameOk ? 'checker.namesMatch' : 'checker.namesNoMatch', { names: names.join(', ') || text('sts.noDnsId'), host: host.host }),
      text(now > to ? 'checker.validExpired' : now < from ? 'checker.validNotYet' : 'checker.validToday', { from: leaf.validFrom, to: leaf.validTo }),
      text(key.weak ? 'checker.keyWeak' : 'checker.key', { key: key.text }),
    ],
  };
}

const FIX_TEXT: Record<Problem, { en: string; ja: string }> = {
  'not-trusted': { en: 'use a certificate from a CA senders trust and send the whole chain', ja: '送信側が信頼する CA の証明書を使い、チェーン全体を送る' },
  name: { en: 'use a certificate whose subjectAltName holds the MX name', ja: 'subjectAltName に MX 名を含む証明書を使う' },
  expired: { en: 'renew the expired certificate', ja: '期限切れの証明書を更新する' },
  'not-yet-valid': { en: 'use a certificate that is already valid', ja: 'すでに有効期間に入っている証明書を使う' },
  'weak-key': { en: 'use an ECDSA P-256/P-384 or an RSA ≥ 2048-bit key', ja: 'ECDSA P-256／P-384 か 2048 ビット以上の RSA 鍵を使う' },
  'no-certificate': { en: 'offer STARTTLS first (see the starttls item)', ja: 'まず STARTTLS を提示する（starttls の項目を参照）' },
};

export function certificateItem(facts: CheckerFacts): CheckerItem {
  const hosts = mxHostsOr(facts, 'certificate', '06-mta-sts');
  if (isItem(hosts)) return hosts;
  const judged = hosts.map((host) => ({ host, ...judgeHost(host, facts.now) }));
  const problems = [...new Set(judged.flatMap((j) => j.problems))];
  const failing = judged.filter((j) => j.problems.length > 0);
  return item('certificate', '06-mta-sts', {
    pass: problems.length === 0,
    detail:
      problems.length === 0
        ? text('checker.certPass')
        : clauses(failing.map((j) => text('checker.certProblems', { host: j.host.host, problems: j.problems.map((p) => text(`certProblem.${p}`)) }))),
    evidence: judged.flatMap((j) => j.lines),
    fix: {
      en: `${problems.map((p) => FIX_TEXT[p].en).join('; ')} (Postfix main.cf, the key first, then the certificate and its CA chain; the lab keeps a valid pair for mx.example.jp here):`,
      ja: `${problems.map((p) => FIX_TEXT[p].ja).join('、')}（Postfix の main.cf。鍵、証明書と CA のチェーンの順。mx.example.jp の有効な組は実習環境のここにあります）：`,
      lines: [LAB_CHAIN_FILES],
    },
  });
}
