// The forger seam: a forged answer fools a resolver for an unsigned zone and comes back bogus for a signed one.
import { describe, expect, it } from 'vitest';
import { answerForger } from '../../../engine/dns/resolver/forger.ts';
import { harness } from './lab-zones.ts';

const impostorMx = answerForger('example.jp', 'MX', [{ name: 'example.jp', type: 'MX', ttl: 300, class: 'IN', data: { preference: 10, exchange: 'mail.attacker.example' } }], 'MX to impostor');

describe('forger on the path', () => {
  it('unsigned example.jp: the impostor MX is believed (insecure); signed: bogus, SERVFAIL', async () => {
    const unsigned = harness({ modes: { 'example.jp': 'unsigned' } });
    unsigned.forgers.push(impostorMx);
    const fooled = await unsigned.resolver.lookup('example.jp', 'MX');
    expect(fooled).toMatchObject({ status: 'insecure', rcode: 'NOERROR' });
    expect(fooled.answers.map((rr) => rr.data)).toEqual([{ preference: 10, exchange: 'mail.attacker.example' }]);

    const signed = harness();
    signed.forgers.push(impostorMx);
    const caught = await signed.resolver.lookup('example.jp', 'MX');
    expect(caught).toMatchObject({ status: 'bogus', rcode: 'SERVFAIL', answers: [] });
    expect(caught.reason).toMatch(/RRSIG MX example\.jp .* does not verify/);
  });

  it('removing the _mta-sts TXT or forging the TLSA is caught in a signed zone', async () => {
    const h = harness();
    h.forgers.push(answerForger('_mta-sts.example.jp', 'TXT', []));
    h.forgers.push(answerForger('_25._tcp.mx.example.jp', 'TLSA', [{ name: '_25._tcp.mx.example.jp', type: 'TLSA', ttl: 300, class: 'IN', data: { usage: 3, selector: 1, matchingType: 1, certificate: Buffer.alloc(32, 0x66) } }]));
    const txt = await h.resolver.lookup('_mta-sts.example.jp', 'TXT');
    expect(txt).toMatchObject({ status: 'bogus', rcode: 'SERVFAIL' });
    expect(txt.reason).toContain('without NSEC');
    expect(await h.resolver.lookup('_25._tcp.mx.example.jp', 'TLSA')).toMatchObject({ status: 'bogus', rcode: 'SERVFAIL' });
  });

  it('a non-validating resolver believes the forgery even for a signed zone', async () => {
    const h = harness({ validate: false });
    h.forgers.push(impostorMx);
    const r = await h.resolver.lookup('example.jp', 'MX');
    expect(r.status).toBe('unchecked');
    expect(r.answers[0].data).toEqual({ preference: 10, exchange: 'mail.attacker.example' });
  });
});
