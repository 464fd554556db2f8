// A STARTTLS the MX offered and then refused (454, RFC 3207 §4) as each policy judges it: said as
// it happened in English and Japanese, with the same rule and TLS-RPT result type (RFC 8460 §4.3.1)
// as a STARTTLS that was never offered.
import { describe, expect, it } from 'vitest';
import { renderText } from '../../../common/i18n/text.ts';
import { daneRequirement, daneVerdict } from '../../../engine/policy/dane/decision.ts';
import type { PolicyDecision, TlsObservation } from '../../../engine/policy/decision.ts';
import { parseStsPolicy, type MtaStsPolicy } from '../../../engine/policy/mta-sts/policy-file.ts';
import { mtaStsVerdict } from '../../../engine/policy/mta-sts/verdict.ts';
import { requireTlsDecision } from '../../../engine/policy/requiretls/decision.ts';
import { japaneseProblems } from '../../support/english-sentences.ts';

const REFUSED: TlsObservation = { starttlsOffered: true, starttlsRefused: { code: 454, text: '4.7.0 TLS not available due to temporary reason' } };
const NOT_OFFERED: TlsObservation = { starttlsOffered: false };
const REPLY = '454 4.7.0 TLS not available due to temporary reason';

function policy(mode: 'enforce' | 'testing'): MtaStsPolicy {
  const r = parseStsPolicy(`version: STSv1\nmode: ${mode}\nmx: mx.example.jp\nmax_age: 86400\n`);
  if (!r.ok) throw new Error('bad fixture');
  return r.policy;
}
const ja = (d: { reasonText?: unknown }) => renderText('ja', d.reasonText as never);
const shape = (d: PolicyDecision) => ({ verdict: d.verdict, rule: d.rule, tlsrptResult: d.tlsrptResult });

describe('STARTTLS offered, then refused with 454', () => {
  it('MTA-STS enforce and testing: the refusal with its reply, starttls-not-supported as without STARTTLS', () => {
    for (const mode of ['enforce', 'testing'] as const) {
      const session = { policy: policy(mode), policyDomain: 'example.jp', mxHost: 'mx.example.jp' };
      const refused = mtaStsVerdict({ ...session, tls: REFUSED });
      const absent = mtaStsVerdict({ ...session, tls: NOT_OFFERED });
      expect(shape(refused)).toEqual(shape(absent));
      expect(refused.tlsrptResult).toBe('starttls-not-supported');
      expect(refused.reason).toContain(`mx.example.jp offered STARTTLS but refused it with ${REPLY} (§4)`);
      expect(refused.reason).not.toContain('offered no STARTTLS');
      expect(ja(refused)).toContain(`mx.example.jp は STARTTLS を提示したが、${REPLY} で拒否した（§4）`);
      expect(japaneseProblems(ja(refused))).toEqual([]);
    }
  });

  it('DANE with usable TLSA records: not without TLS (RFC 7672 §2.2.3); without TLSA records: cleartext, saying why', () => {
    const host = { nextHopDomain: 'example.jp', mxHost: 'mx.example.jp' };
    const tlsa = { usage: 3, selector: 1, matchingType: 1, data: Buffer.alloc(32) };
    const authenticate = daneRequirement(host, { mx: 'secure', address: 'secure', tlsa: { status: 'secure', records: [tlsa] } });
    const refused = daneVerdict(authenticate, { tls: REFUSED, now: 0 });
    expect(refused).toMatchObject({ verdict: 'try-next-mx', rule: 'RFC 7672 §2.2.3', tlsrptResult: 'starttls-not-supported' });
    expect(refused.reason).toBe(`mx.example.jp has secure TLSA records and offered STARTTLS, but refused it with ${REPLY}: the sender MUST NOT deliver without TLS; try the next MX`);
    expect(japaneseProblems(ja(refused))).toEqual([]);

    const opportunistic = daneRequirement(host, { mx: 'insecure', address: 'secure' });
    const cleartext = daneVerdict(opportunistic, { tls: REFUSED, now: 0 });
    expect(cleartext).toMatchObject({ verdict: 'deliver', rule: 'RFC 7672 §2.2.1' });
    expect(cleartext.reason).toMatch(new RegExp(`; mx\\.example\\.jp offered STARTTLS but refused it with ${REPLY}, so the message goes in cleartext$`));
    expect(ja(cleartext)).toContain(`mx.example.jp は STARTTLS を提示したが ${REPLY} で拒否したので、メッセージは平文で送られる`);
  });

  it('REQUIRETLS: the refusal is the problem, 5.7.10 as without STARTTLS (RFC 8689 §4.2.1)', () => {
    const input = { requireTls: true, mxNamedBy: 'dnssec' as const, certVerifiedBy: 'none' as const, requireTlsOffered: false, moreMx: false };
    const refused = requireTlsDecision({ ...input, tls: REFUSED });
    expect(refused).toMatchObject({ action: 'bounce', status: '5.7.10' });
    expect(refused.reason).toContain(`the server offered STARTTLS but refused it with ${REPLY}, and no MX is left`);
    expect(ja(refused)).toContain(`サーバーは STARTTLS を提示したが、${REPLY} で拒否した`);
  });
});
