// RFC 8461 §3.3, §4, §5, §5.1: cache decisions and per-MX verdicts, as the ladder the learner sees.
import { describe, expect, it } from 'vitest';
import { decideAfterFetch, decideDiscovery, type StsCacheEntry } from '../../../engine/policy/mta-sts/cache.ts';
import { judgePolicyResponse } from '../../../engine/policy/mta-sts/fetch-response.ts';
import { parseStsPolicy, type MtaStsPolicy } from '../../../engine/policy/mta-sts/policy-file.ts';
import { selectStsTxtRecord } from '../../../engine/policy/mta-sts/txt-record.ts';
import { mtaStsMxCheck, mtaStsVerdict, type MtaStsSession } from '../../../engine/policy/mta-sts/verdict.ts';

const T0 = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;

function policy(mode: 'enforce' | 'testing' | 'none', maxAge = 86400): MtaStsPolicy {
  const r = parseStsPolicy(`version: STSv1\nmode: ${mode}\nmx: mx.example.jp\nmx: *.backup.example.jp\nmax_age: ${maxAge}\n`);
  if (!r.ok) throw new Error('bad fixture');
  return r.policy;
}

const body = (text: string) => new TextEncoder().encode(text);
const served = (text: string, overrides: Partial<Parameters<typeof judgePolicyResponse>[0]> = {}) =>
  judgePolicyResponse({ policyHost: 'mta-sts.example.jp', pkix: 'valid', certNames: ['mta-sts.example.jp'], status: 200, contentType: 'text/plain; charset=utf-8', body: body(text), ...overrides });

describe('policy discovery and cache (RFC 8461 §3.3, §5.1)', () => {
  it('first contact: fetch, then apply and cache under the TXT id', () => {
    const txt = selectStsTxtRecord(['v=STSv1; id=20260101']);
    const step1 = decideDiscovery({ domain: 'example.jp', txt, now: T0 });
    expect(step1).toMatchObject({ action: 'fetch', id: '20260101', rule: 'RFC 8461 §3.3' });
    expect(step1.reason).toMatch(/https:\/\/mta-sts\.example\.jp\/\.well-known\/mta-sts\.txt/);

    const step2 = decideAfterFetch({ domain: 'example.jp', id: '20260101', outcome: served('version: STSv1\nmode: enforce\nmx: mx.example.jp\nmax_age: 86400\n'), now: T0 });
    expect(step2).toMatchObject({ action: 'apply', cache: { id: '20260101', fetchedAt: T0 }, policy: { mode: 'enforce' } });
  });

  it('same id within max_age: use the cache; after a day suggest a refresh', () => {
    const cache: StsCacheEntry = { domain: 'example.jp', id: 'a1', policy: policy('enforce', 7 * 86400), fetchedAt: T0 };
    const txt = selectStsTxtRecord(['v=STSv1; id=a1']);
    expect(decideDiscovery({ domain: 'example.jp', txt, cache, now: T0 + HOUR })).toMatchObject({ action: 'use-cache', refresh: false });
    expect(decideDiscovery({ domain: 'example.jp', txt, cache, now: T0 + 25 * HOUR })).toMatchObject({ action: 'use-cache', refresh: true });
  });

  it('id changed: fetch the new policy, keeping the valid cache as fallback', () => {
    const cache: StsCacheEntry = { domain: 'example.jp', id: 'a1', policy: policy('testing'), fetchedAt: T0 };
    const d = decideDiscovery({ domain: 'example.jp', txt: selectStsTxtRecord(['v=STSv1; id=a2']), cache, now: T0 + HOUR });
    expect(d).toMatchObject({ action: 'fetch', id: 'a2', fallback: cache });
    expect(d.reason).toMatch(/changed from a1 to a2/);
  });

  it('cache expired after max_age: fetch again', () => {
    const cache: StsCacheEntry = { domain: 'example.jp', id: 'a1', policy: policy('enforce', 3600), fetchedAt: T0 };
    const d = decideDiscovery({ domain: 'example.jp', txt: selectStsTxtRecord(['v=STSv1; id=a1']), cache, now: T0 + HOUR });
    expect(d).toMatchObject({ action: 'fetch' });
    expect(d.reason).toMatch(/expired/);
  });

  it('TXT record gone or broken with a valid cache: the cache still applies', () => {
    const cache: StsCacheEntry = { domain: 'example.jp', id: 'a1', policy: policy('enforce'), fetchedAt: T0 };
    for (const records of [[], ['v=STSv1; id=a', 'v=STSv1; id=b']]) {
      expect(decideDiscovery({ domain: 'example.jp', txt: selectStsTxtRecord(records), cache, now: T0 + HOUR })).toMatchObject({ action: 'use-cache', rule: 'RFC 8461 §5.1' });
    }
    expect(decideDiscovery({ domain: 'example.jp', txt: { ok: false, kind: 'lookup-error', error: 'SERVFAIL' }, cache, now: T0 + HOUR })).toMatchObject({ action: 'use-cache' });
  });

  it('no TXT record and no cache: deliver as without MTA-STS', () => {
    expect(decideDiscovery({ domain: 'example.jp', txt: selectStsTxtRecord([]), now: T0 })).toMatchObject({ action: 'no-policy' });
  });

  it('failed fetch with a valid cache: apply the cache and report; without one: no policy and report', () => {
    const cache: StsCacheEntry = { domain: 'example.jp', id: 'a1', policy: policy('enforce'), fetchedAt: T0 };
    const failed = served('x', { status: 404 });
    expect(decideAfterFetch({ domain: 'example.jp', id: 'a2', outcome: failed, fallback: cache, now: T0 + HOUR })).toMatchObject({
      action: 'use-cache',
      policy: { mode: 'enforce' },
      tlsrptResult: 'sts-policy-fetch-error',
      failure: { id: 'a2', at: T0 + HOUR },
    });
    expect(decideAfterFetch({ domain: 'example.jp', id: 'a2', outcome: failed, now: T0 })).toMatchObject({ action: 'no-policy', tlsrptResult: 'sts-policy-fetch-error' });
  });

  it('does not fetch again for the same id within five minutes of a failure', () => {
    const txt = selectStsTxtRecord(['v=STSv1; id=a2']);
    const lastFailedFetch = { id: 'a2', at: T0 };
    expect(decideDiscovery({ domain: 'example.jp', txt, lastFailedFetch, now: T0 + 60_000 })).toMatchObject({ action: 'no-policy' });
    expect(decideDiscovery({ domain: 'example.jp', txt, lastFailedFetch, now: T0 + 6 * 60_000 })).toMatchObject({ action: 'fetch' });
  });
});

describe('policy fetch response (RFC 8461 §3.2, §3.3)', () => {
  const good = 'version: STSv1\nmode: enforce\nmx: mx.example.jp\nmax_age: 86400\n';
  it('accepts 200 text/plain from a host with a valid certificate for its name', () => {
    expect(served(good)).toMatchObject({ ok: true, policy: { mode: 'enforce' } });
    expect(served(good, { certNames: ['*.example.jp'] }).ok).toBe(true);
  });
  it('sts-webpki-invalid: untrusted, expired, or wrong-name certificate', () => {
    expect(served(good, { pkix: 'not-trusted' })).toMatchObject({ ok: false, tlsrptResult: 'sts-webpki-invalid' });
    expect(served(good, { pkix: 'expired' })).toMatchObject({ ok: false, tlsrptResult: 'sts-webpki-invalid' });
    expect(served(good, { certNames: ['www.example.jp'] })).toMatchObject({ ok: false, tlsrptResult: 'sts-webpki-invalid' });
  });
  it('sts-policy-fetch-error: redirects are not followed, only 200 counts, 64 KB at most', () => {
    expect(served(good, { status: 301 }).ok).toBe(false);
    expect(served(good, { status: 301 })).toMatchObject({ tlsrptResult: 'sts-policy-fetch-error' });
    expect(served(good, { status: 204 })).toMatchObject({ tlsrptResult: 'sts-policy-fetch-error' });
    expect(served(`${good}x: ${'a'.repeat(70_000)}\n`)).toMatchObject({ tlsrptResult: 'sts-policy-fetch-error' });
  });
  it('sts-policy-invalid: wrong media type, not UTF-8, or a broken policy naming the line', () => {
    expect(served(good, { contentType: 'text/html' })).toMatchObject({ tlsrptResult: 'sts-policy-invalid' });
    expect(served('', { body: new Uint8Array([0xff, 0xfe]) })).toMatchObject({ tlsrptResult: 'sts-policy-invalid' });
    const broken = served('version: STSv1\nmode: Enforce\nmx: mx.example.jp\nmax_age: 1\n');
    expect(broken).toMatchObject({ ok: false, tlsrptResult: 'sts-policy-invalid' });
    if (!broken.ok) expect(broken.reason).toMatch(/line 2/);
  });
});

describe('per-MX verdict (RFC 8461 §4, §5, §7)', () => {
  const good: Omit<MtaStsSession, 'policy'> = {
    policyDomain: 'example.jp',
    mxHost: 'mx.example.jp',
    tls: { starttlsOffered: true, handshake: { ok: true, version: 'TLSv1.3' } },
    pkix: 'valid',
    certNames: ['mx.example.jp'],
  };
  const cases: [string, Partial<MtaStsSession>, string][] = [
    ['mx not in policy', { mxHost: 'evil.example.org' }, 'validation-failure'],
    ['no STARTTLS (stripped)', { tls: { starttlsOffered: false } }, 'starttls-not-supported'],
    ['handshake failed', { tls: { starttlsOffered: true, handshake: { ok: false, error: 'alert 40' } } }, 'validation-failure'],
    ['TLS 1.1 (downgraded)', { tls: { starttlsOffered: true, handshake: { ok: true, version: 'TLSv1.1' } } }, 'validation-failure'],
    ['expired certificate', { pkix: 'expired' }, 'certificate-expired'],
    ['self-signed certificate', { pkix: 'not-trusted' }, 'certificate-not-trusted'],
    ['wrong name on certificate', { certNames: ['other.example.jp'] }, 'certificate-host-mismatch'],
  ];

  it('enforce with everything valid: deliver', () => {
    expect(mtaStsVerdict({ ...good, policy: policy('enforce') })).toMatchObject({ verdict: 'deliver', rule: 'RFC 8461 §4' });
    expect(mtaStsVerdict({ ...good, mxHost: 'mx1.backup.example.jp', certNames: ['*.backup.example.jp'], policy: policy('enforce') }).verdict).toBe('deliver');
  });

  for (const [name, change, result] of cases) {
    it(`enforce, ${name}: try the next MX (${result})`, () => {
      const d = mtaStsVerdict({ ...good, ...change, policy: policy('enforce') });
      expect(d).toMatchObject({ verdict: 'try-next-mx', rule: 'RFC 8461 §5', tlsrptResult: result });
      expect(d.reason).toMatch(/enforce/);
    });
    it(`testing, ${name}: deliver and report (${result})`, () => {
      expect(mtaStsVerdict({ ...good, ...change, policy: policy('testing') })).toMatchObject({ verdict: 'deliver-report-failure', tlsrptResult: result });
    });
    it(`none, ${name}: deliver as without MTA-STS`, () => {
      const d = mtaStsVerdict({ ...good, ...change, policy: policy('none') });
      expect(d.verdict).toBe('deliver');
      expect(d.tlsrptResult).toBeUndefined();
    });
  }

  it('reads like the trace for a stripped STARTTLS', () => {
    const d = mtaStsVerdict({ ...good, tls: { starttlsOffered: false }, policy: policy('enforce') });
    expect(`${d.rule}: ${d.reason}`).toMatch(/^RFC 8461 §5: the policy for example\.jp is enforce and mx\.example\.jp offered no STARTTLS .*: not delivering/);
  });

  it('before connecting, an MX outside the patterns is skipped under enforce only', () => {
    expect(mtaStsMxCheck(policy('enforce'), 'example.jp', 'attacker.example.net').verdict).toBe('try-next-mx');
    expect(mtaStsMxCheck(policy('testing'), 'example.jp', 'attacker.example.net').verdict).toBe('deliver-report-failure');
    expect(mtaStsMxCheck(policy('enforce'), 'example.jp', 'MX.example.jp.').verdict).toBe('deliver');
  });
});
