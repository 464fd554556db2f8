// Sign + validate round trips over the lab zones, sans sockets: secure, insecure, each broken
// mode bogus with its reason, NSEC denial, the TTL cache and the trace.
import { describe, expect, it } from 'vitest';
import { harness } from './lab-zones.ts';

describe('validating resolver over the lab zones', () => {
  it('example.jp MX is secure, decided by the example.jp ZSK through root -> jp -> example.jp', async () => {
    const h = harness();
    const r = await h.resolver.lookup('example.jp', 'MX');
    const zsk = h.zones.zoneKeys('example.jp')!.zsk.tag;
    expect(r).toMatchObject({ status: 'secure', rcode: 'NOERROR', zone: 'example.jp', keyTag: zsk, rule: 'RFC 4035 §5.3' });
    expect(r.answers.map((rr) => rr.data)).toEqual([{ preference: 10, exchange: 'mx.example.jp' }]);
    expect(r.rrsigs).toHaveLength(1);
    expect(r.chain.map((l) => [l.zone, l.state])).toEqual([['.', 'secure'], ['jp', 'secure'], ['example.jp', 'secure']]);
    expect(r.chain[2].ds).toEqual([h.zones.zoneKeys('example.jp')!.ksk.tag]);
  });

  it('the TLSA of the mx is secure', async () => {
    const r = await harness().resolver.lookup('_25._tcp.mx.example.jp', 'TLSA');
    expect(r.status).toBe('secure');
    expect(r.answers[0]).toMatchObject({ type: 'TLSA', data: { usage: 3, selector: 1, matchingType: 1 } });
  });

  it('an insecure delegation (attacker.example, no DS) gives insecure, naming the NSEC that proves it', async () => {
    const r = await harness().resolver.lookup('attacker.example', 'A');
    expect(r).toMatchObject({ status: 'insecure', rcode: 'NOERROR', rule: 'RFC 4035 §5.2' });
    expect(r.answers.map((rr) => rr.data)).toEqual(['203.0.113.66']);
    expect(r.reason).toContain('NSEC at attacker.example lists NS but not DS');
  });

  it('NXDOMAIN is proven by NSEC (name and wildcard covered)', async () => {
    const r = await harness().resolver.lookup('nope.example.jp', 'A');
    expect(r).toMatchObject({ status: 'secure', rcode: 'NXDOMAIN', rule: 'RFC 4035 §5.4' });
    expect(r.reason).toMatch(/covers nope\.example\.jp and no wildcard exists at example\.jp/);
  });

  it('NODATA is proven by the NSEC at the name, and an empty non-terminal by the covering NSEC', async () => {
    const h = harness();
    const nodata = await h.resolver.lookup('mx.example.jp', 'TXT');
    expect(nodata).toMatchObject({ status: 'secure', rcode: 'NOERROR', answers: [] });
    expect(nodata.reason).toContain('NSEC at mx.example.jp lists [A RRSIG NSEC], not TXT');
    const ent = await h.resolver.lookup('_tcp.mx.example.jp', 'A');
    expect(ent).toMatchObject({ status: 'secure', rcode: 'NOERROR' });
    expect(ent.reason).toContain('empty non-terminal');
  });

  it('DS at a secure and at an insecure delegation is answered by the parent and secure', async () => {
    const h = harness();
    expect(await h.resolver.lookup('example.jp', 'DS')).toMatchObject({ status: 'secure', zone: 'jp' });
    expect(await h.resolver.lookup('attacker.example', 'DS')).toMatchObject({ status: 'secure', zone: '.', answers: [] });
  });

  const broken: [string, RegExp, string][] = [
    ['bad-signature', /signature does not verify with DNSKEY/, 'RFC 4035 §5.3.3'],
    ['expired-rrsig', /expired at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(now /, 'RFC 4035 §5.3.1'],
    ['wrong-ds', /digest of DNSKEY \d+ does not match/, 'RFC 4035 §5.2'],
  ];
  for (const [mode, reason, rule] of broken) {
    it(`${mode}: bogus, SERVFAIL, no answers, reason names the rule`, async () => {
      const h = harness({ modes: { 'example.jp': mode as never } });
      const r = await h.resolver.lookup('example.jp', 'MX');
      expect(r).toMatchObject({ status: 'bogus', rcode: 'SERVFAIL', answers: [], rule });
      expect(r.reason).toMatch(reason);
    });
  }

  it('missing-ds: the zone is still signed but the parent proves no DS, so validators treat it as insecure (RFC 4035 §5.2)', async () => {
    const r = await harness({ modes: { 'example.jp': 'missing-ds' } }).resolver.lookup('example.jp', 'MX');
    expect(r).toMatchObject({ status: 'insecure', rcode: 'NOERROR' });
    expect(r.reason).toContain('NSEC at example.jp lists NS but not DS');
  });

  it('a non-validating resolver returns even a bogus zone unchecked', async () => {
    const r = await harness({ modes: { 'example.jp': 'bad-signature' }, validate: false }).resolver.lookup('example.jp', 'MX');
    expect(r).toMatchObject({ status: 'unchecked', rcode: 'NOERROR' });
    expect(r.answers).toHaveLength(1);
  });

  it('caches positive and negative answers by TTL', async () => {
    const h = harness();
    await h.resolver.lookup('example.jp', 'MX');
    const afterCold = h.queries();
    expect((await h.resolver.lookup('example.jp', 'MX')).cached).toBe(true);
    await h.resolver.lookup('nope.example.jp', 'A');
    const afterNegative = h.queries();
    expect((await h.resolver.lookup('nope.example.jp', 'A')).cached).toBe(true);
    expect(h.queries()).toBe(afterNegative);
    expect(afterNegative).toBe(afterCold + 1);
    h.clock.ms += 299_000;
    expect((await h.resolver.lookup('example.jp', 'MX')).answers[0].ttl).toBeLessThanOrEqual(1);
    h.clock.ms += 2_000;
    const again = await h.resolver.lookup('example.jp', 'MX');
    expect(again.cached).toBe(false);
    expect(h.queries()).toBeGreaterThan(afterNegative);
  });

  it('emits dns trace events: query c2s, reply s2c with raw bytes, and the verdict', async () => {
    const h = harness();
    await h.resolver.lookup('example.jp', 'MX');
    const first = h.events[0];
    expect(first).toMatchObject({ layer: 'dns', dir: 'c2s', link: { from: 'mail.sender.example', to: 'ns.example.jp', port: 53 }, summary: 'example.jp MX ?', visibility: 'plaintext' });
    expect(Buffer.from(first.raw!, 'base64').length).toBeGreaterThan(12);
    expect(h.events.some((e) => e.dir === 's2c' && e.summary.startsWith('example.jp MX -> 10 mx.example.jp'))).toBe(true);
    const verdict = h.events.at(-1)!;
    expect(verdict.summary).toBe('example.jp MX ? -> 10 mx.example.jp [secure]');
    expect(verdict.detail).toMatchObject({ status: 'secure', rcode: 'NOERROR', key: { zone: 'example.jp' } });
    expect(verdict.rule).toBe('RFC 4035 §5.3');
  });
});
