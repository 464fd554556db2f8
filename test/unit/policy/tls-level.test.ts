// Postfix's mandatory TLS levels (TLS_README: encrypt, verify, secure) as decisions, and the
// sentence each decision gives the learner: the same verdict in English and in Japanese.
import { describe, expect, it } from 'vitest';
import { renderText } from '../../../common/i18n/text.ts';
import type { PolicyDecision } from '../../../engine/policy/decision.ts';
import { tlsLevelVerdict, type TlsLevelSession } from '../../../engine/policy/tls-level.ts';
import { HostSessionPolicy } from '../../../engine/nodes/sender/mta/host-session.ts';
import { noExtensions } from '../../../engine/protocol/smtp-client/extensions.ts';
import { japaneseProblems } from '../../support/english-sentences.ts';

const up = { starttlsOffered: true, handshake: { ok: true as const, version: 'TLSv1.3' } };
const session = (over: Partial<TlsLevelSession>): TlsLevelSession => ({ level: 'secure', mxHost: 'mx.example.jp', nextHop: 'example.jp', tls: up, pkix: 'valid', certNames: ['mx.example.jp'], ...over });
const ja = (d: PolicyDecision) => (d.reasonText ? renderText('ja', d.reasonText) : '(no reasonText)');

const REFUSED_454 = { code: 454, text: '4.7.0 TLS not available due to temporary reason' };

const CASES: [string, TlsLevelSession, Pick<PolicyDecision, 'verdict' | 'tlsrptResult'>][] = [
  ['encrypt over TLS', session({ level: 'encrypt', pkix: 'not-trusted', certNames: [] }), { verdict: 'deliver' }],
  ['verify with the MX name', session({ level: 'verify' }), { verdict: 'deliver' }],
  ['secure under the next hop', session({ level: 'secure' }), { verdict: 'deliver' }],
  ['no STARTTLS', session({ level: 'encrypt', tls: { starttlsOffered: false } }), { verdict: 'try-next-mx', tlsrptResult: 'starttls-not-supported' }],
  ['STARTTLS refused with 454', session({ level: 'verify', tls: { starttlsOffered: true, starttlsRefused: REFUSED_454 } }), { verdict: 'try-next-mx', tlsrptResult: 'starttls-not-supported' }],
  ['no handshake', session({ level: 'encrypt', tls: { starttlsOffered: true } }), { verdict: 'try-next-mx', tlsrptResult: 'validation-failure' }],
  ['a failed handshake', session({ level: 'secure', tls: { starttlsOffered: true, handshake: { ok: false, error: 'ECONNRESET: socket hang up' } } }), { verdict: 'try-next-mx', tlsrptResult: 'validation-failure' }],
  ['an expired certificate', session({ level: 'verify', pkix: 'expired' }), { verdict: 'try-next-mx', tlsrptResult: 'certificate-expired' }],
  ['an untrusted chain', session({ level: 'verify', pkix: 'not-trusted' }), { verdict: 'try-next-mx', tlsrptResult: 'certificate-not-trusted' }],
  ['a chain that fails PKIX', session({ level: 'secure', pkix: 'invalid' }), { verdict: 'try-next-mx', tlsrptResult: 'validation-failure' }],
  ['verify, another name', session({ level: 'verify', certNames: ['mail.attacker.example'] }), { verdict: 'try-next-mx', tlsrptResult: 'certificate-host-mismatch' }],
  ['verify, no DNS-ID', session({ level: 'verify', certNames: [] }), { verdict: 'try-next-mx', tlsrptResult: 'certificate-host-mismatch' }],
  ['secure, a name outside the next hop', session({ level: 'secure', mxHost: 'mail.attacker.example', certNames: ['mail.attacker.example'] }), { verdict: 'try-next-mx', tlsrptResult: 'certificate-host-mismatch' }],
];

describe('smtp_tls_security_level encrypt, verify, secure (TLS_README)', () => {
  it.each(CASES)('%s: the verdict, its rule, and a reason in English and in Japanese', (_, input, expected) => {
    const decision = tlsLevelVerdict(input);
    expect(decision).toMatchObject({ ...expected, rule: `TLS_README: ${input.level}` });
    if (!expected.tlsrptResult) expect(decision.tlsrptResult).toBeUndefined();
    expect(decision.reasonText).toBeDefined();
    expect(renderText('en', decision.reasonText!)).toBe(decision.reason);
    expect(decision.reason).toMatch(new RegExp(`^smtp_tls_security_level = ${input.level}: `));
    const japanese = ja(decision);
    expect(japanese).toMatch(new RegExp(`^smtp_tls_security_level = ${input.level}：`));
    expect(japaneseProblems(japanese)).toEqual([]);
  });

  it('keeps the English a learner already knows, and says the same in Japanese', () => {
    const refused = tlsLevelVerdict(session({ level: 'verify', certNames: ['mail.attacker.example'] }));
    expect(refused.reason).toBe('smtp_tls_security_level = verify: the certificate names mail.attacker.example, not the MX host mx.example.jp; do not deliver to mx.example.jp (try the next MX, or keep the message queued)');
    expect(ja(refused)).toBe('smtp_tls_security_level = verify：証明書の名前は mail.attacker.example で、MX ホスト mx.example.jp ではない。mx.example.jp には配送しない（次の MX を試すか、メッセージをキューに残す）');
    const secure = tlsLevelVerdict(session({ level: 'secure' }));
    expect(secure.reason).toBe('smtp_tls_security_level = secure: TLSv1.3, a trusted certificate naming mx.example.jp, under the next-hop domain example.jp: a forged MX record cannot change what it must name');
    expect(ja(secure)).toBe('smtp_tls_security_level = secure：TLSv1.3、ネクストホップのドメイン example.jp の下の名前 mx.example.jp を持つ信頼できる証明書。MX レコードを偽っても、証明書が持つべき名前は変えられない');
    const noName = tlsLevelVerdict(session({ level: 'verify', certNames: [] }));
    expect(noName.reason).toContain('the certificate names no DNS-ID, not the MX host mx.example.jp');
    expect(ja(noName)).toContain('証明書に DNS-ID がなく、MX ホスト mx.example.jp を名乗っていない');
  });

  it('a STARTTLS answered with 454 is said as it happened: offered, then refused with the reply', () => {
    const decision = tlsLevelVerdict(session({ level: 'encrypt', tls: { starttlsOffered: true, starttlsRefused: REFUSED_454 } }));
    expect(decision.reason).toBe('smtp_tls_security_level = encrypt: TLS is required, but mx.example.jp offered STARTTLS and refused it with 454 4.7.0 TLS not available due to temporary reason; do not deliver to mx.example.jp (try the next MX, or keep the message queued)');
    expect(decision.reason).not.toMatch(/offered no STARTTLS/);
    expect(ja(decision)).toBe('smtp_tls_security_level = encrypt：TLS が必須なのに、mx.example.jp は STARTTLS を提示したが 454 4.7.0 TLS not available due to temporary reason で拒否した。mx.example.jp には配送しない（次の MX を試すか、メッセージをキューに残す）');
  });
});

describe('smtp_tls_security_level = none in the sender', () => {
  it('sends in cleartext whatever the host offers, and says so in either language', () => {
    const policy = new HostSessionPolicy({
      mxHost: 'mx.example.jp',
      policyDomain: 'example.jp',
      plaintextOnly: false,
      tlsRequiredNo: false,
      requireTls: false,
      mxNamedBy: 'insecure',
      moreMx: false,
      level: 'none',
      now: () => 0,
      note: () => undefined,
    });
    const choice = policy.tls({ extensions: { ...noExtensions(), starttls: true } });
    expect(choice).toMatchObject({ action: 'plaintext', rule: 'TLS_README: none', reason: 'smtp_tls_security_level = none: the sender does not use TLS, whatever mx.example.jp offers' });
    expect(choice.reasonText && renderText('ja', choice.reasonText)).toBe('smtp_tls_security_level = none：mx.example.jp が何を提示しても、送信側は TLS を使わない');
  });
});
