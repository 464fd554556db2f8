// RFC 8461 §2 (DANE before MTA-STS) and RFC 8689 (REQUIRETLS, TLS-Required: No).
import { describe, expect, it } from 'vitest';
import type { PolicyDecision } from '../../../engine/policy/decision.ts';
import { requireTlsDecision, tlsRequiredNoApplies, type RequireTlsInput } from '../../../engine/policy/requiretls/decision.ts';
import { combineTransport } from '../../../engine/policy/transport.ts';

const deliver: PolicyDecision = { verdict: 'deliver', rule: 'RFC 8461 §4', reason: 'ok' };
const daneFail: PolicyDecision = { verdict: 'try-next-mx', rule: 'RFC 7672 §3', reason: 'DANE authentication failed', tlsrptResult: 'validation-failure' };
const stsFail: PolicyDecision = { verdict: 'try-next-mx', rule: 'RFC 8461 §5', reason: 'enforce and no STARTTLS', tlsrptResult: 'starttls-not-supported' };

describe('DANE and MTA-STS together (RFC 8461 §2)', () => {
  it('MTA-STS passing does not override a failing DANE validation', () => {
    const d = combineTransport({ dane: { mode: 'authenticate', decision: daneFail }, mtaSts: deliver });
    expect(d).toMatchObject({ verdict: 'try-next-mx', decidedBy: 'dane' });
    expect(d.reason).toMatch(/MUST NOT override a failing DANE validation/);
  });
  it('DANE authenticated decides; MTA-STS is not consulted', () => {
    expect(combineTransport({ dane: { mode: 'authenticate', decision: deliver }, mtaSts: stsFail })).toMatchObject({ verdict: 'deliver', decidedBy: 'dane' });
  });
  it('DANE not applicable: MTA-STS decides', () => {
    expect(combineTransport({ dane: { mode: 'opportunistic', decision: deliver }, mtaSts: stsFail })).toMatchObject({ verdict: 'try-next-mx', decidedBy: 'mta-sts' });
  });
  it('unusable TLSA (TLS without authentication) and MTA-STS: the stricter wins', () => {
    const unauth: PolicyDecision = { verdict: 'deliver-report-failure', rule: 'RFC 7672 §2.2', reason: 'unusable', tlsrptResult: 'tlsa-invalid' };
    expect(combineTransport({ dane: { mode: 'tls-required', decision: unauth }, mtaSts: stsFail })).toMatchObject({ verdict: 'try-next-mx', decidedBy: 'both' });
  });
  it('no policy at all: opportunistic STARTTLS', () => {
    expect(combineTransport({})).toMatchObject({ verdict: 'deliver', decidedBy: 'none' });
  });
  it('TLS-Required: No delivers despite MTA-STS and DANE, but not despite a failed MX lookup', () => {
    expect(combineTransport({ dane: { mode: 'authenticate', decision: daneFail }, mtaSts: stsFail, tlsRequiredNo: true })).toMatchObject({ verdict: 'deliver', rule: 'RFC 8689 §3' });
    const mxBogus: PolicyDecision = { verdict: 'defer', rule: 'RFC 7672 §2.1.1', reason: 'bogus', tlsrptResult: 'dnssec-invalid' };
    expect(combineTransport({ dane: { mode: 'lookup-failed', decision: mxBogus }, tlsRequiredNo: true }).verdict).toBe('defer');
  });
});

describe('REQUIRETLS (RFC 8689 §4.2.1)', () => {
  const ok: RequireTlsInput = {
    requireTls: true,
    mxNamedBy: 'dnssec',
    tls: { starttlsOffered: true, handshake: { ok: true, version: 'TLSv1.3' } },
    certVerifiedBy: 'dane',
    requireTlsOffered: true,
    moreMx: false,
  };
  it('sends REQUIRETLS when every condition holds', () => {
    expect(requireTlsDecision(ok)).toMatchObject({ action: 'send-with-requiretls', rule: 'RFC 8689 §4.2.1' });
    expect(requireTlsDecision({ ...ok, mxNamedBy: 'mta-sts', certVerifiedBy: 'pkix' }).action).toBe('send-with-requiretls');
  });
  it('not requested: nothing to decide', () => {
    expect(requireTlsDecision({ ...ok, requireTls: false }).action).toBe('not-requested');
  });
  it('server without REQUIRETLS: next MX, or bounce with 5.7.30', () => {
    expect(requireTlsDecision({ ...ok, requireTlsOffered: false, moreMx: true }).action).toBe('quit-try-next-mx');
    expect(requireTlsDecision({ ...ok, requireTlsOffered: false })).toMatchObject({ action: 'bounce', status: '5.7.30' });
  });
  it('no TLS, an unverified certificate or an insecure MX: bounce with 5.7.10 when no MX is left', () => {
    expect(requireTlsDecision({ ...ok, tls: { starttlsOffered: false } })).toMatchObject({ action: 'bounce', status: '5.7.10' });
    expect(requireTlsDecision({ ...ok, certVerifiedBy: 'none' })).toMatchObject({ action: 'bounce', status: '5.7.10' });
    expect(requireTlsDecision({ ...ok, mxNamedBy: 'insecure' })).toMatchObject({ action: 'bounce', status: '5.7.10' });
    expect(requireTlsDecision({ ...ok, tls: { starttlsOffered: true, handshake: { ok: true, version: 'TLSv1' } } })).toMatchObject({ action: 'bounce', status: '5.7.10' });
  });
  it('TLS-Required: No applies once, and not with REQUIRETLS on MAIL FROM', () => {
    expect(tlsRequiredNoApplies(false, ['No']).applies).toBe(true);
    expect(tlsRequiredNoApplies(false, [' no ']).applies).toBe(true);
    expect(tlsRequiredNoApplies(true, ['No'])).toMatchObject({ applies: false, rule: 'RFC 8689 §4.1' });
    expect(tlsRequiredNoApplies(false, ['No', 'No']).applies).toBe(false);
    expect(tlsRequiredNoApplies(false, ['Yes']).applies).toBe(false);
    expect(tlsRequiredNoApplies(false, []).applies).toBe(false);
  });
});
