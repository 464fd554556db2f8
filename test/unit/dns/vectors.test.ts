// Known vectors: RFC 4034 §6.1 canonical order, RFC 4034 §5.4 key tag and SHA-1 DS, RFC 6605 §6.1
// ECDSA P-256 DNSKEY, SHA-256 DS and RRSIG.
import { describe, expect, it } from 'vitest';
import { dsFor, keyTag, DIGEST_SHA1, DIGEST_SHA256 } from '../../../engine/dns/dnssec/keys-crypto.ts';
import { verifyRrset } from '../../../engine/dns/dnssec/verify-rrset.ts';
import { compareNames } from '../../../engine/dns/wire/names.ts';
import { canonicalRrset, type Rr } from '../../../engine/dns/wire/records.ts';

const seconds = (text: string) => Date.UTC(+text.slice(0, 4), +text.slice(4, 6) - 1, +text.slice(6, 8), +text.slice(8, 10), +text.slice(10, 12), +text.slice(12, 14)) / 1000;

describe('canonical form (RFC 4034 §6)', () => {
  it('orders names as RFC 4034 §6.1 lists them', () => {
    const expected = ['example', 'a.example', 'yljkjljk.a.example', 'Z.a.example', 'zABC.a.EXAMPLE', 'z.example', '\x01.z.example', '*.z.example', '\x80.z.example'];
    const shuffled = [...expected].reverse().sort(() => 0.5 - Math.random());
    expect(shuffled.sort(compareNames)).toEqual(expected);
  });

  it('sorts an RRset by RDATA octets and removes duplicates (§6.3)', () => {
    const rr = (address: string): Rr => ({ name: 'a.example', type: 'A', ttl: 300, class: 'IN', data: address });
    expect(canonicalRrset([rr('192.0.2.10'), rr('192.0.2.9'), rr('192.0.2.10')]).map((r) => r.data)).toEqual(['192.0.2.9', '192.0.2.10']);
  });

  it('lower-cases names inside MX RDATA (§6.2)', () => {
    const a: Rr = { name: 'example', type: 'MX', ttl: 1, class: 'IN', data: { preference: 1, exchange: 'MX.Example' } };
    const b: Rr = { ...a, data: { preference: 1, exchange: 'mx.example' } };
    expect(canonicalRrset([a, b])).toHaveLength(1);
  });
});

describe('key tag and DS', () => {
  it('RFC 4034 §5.4: key tag 60485 and SHA-1 DS of dskey.example.com', () => {
    const key = {
      flags: 256,
      algorithm: 5,
      key: Buffer.from(
        'AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvxegXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw==',
        'base64',
      ),
    };
    expect(keyTag(key)).toBe(60485);
    expect(dsFor('dskey.example.com', key, DIGEST_SHA1).digest.toString('hex').toUpperCase()).toBe('2BB183AF5F22588179A53B0A98631FAD1A292118');
  });

  const rfc6605Key = { flags: 257, algorithm: 13, key: Buffer.from('GojIhhXUN/u4v54ZQqGSnyhWJwaubCvTmeexv7bR6edbkrSqQpF64cYbcB7wNcP+e+MAnLr+Wi9xMWyQLc8NAA==', 'base64') };

  it('RFC 6605 §6.1: key tag 55648 and SHA-256 DS of example.net', () => {
    const ds = dsFor('example.net', rfc6605Key, DIGEST_SHA256);
    expect(ds.keyTag).toBe(55648);
    expect(ds.digest.toString('hex')).toBe('b4c8c1fe2e7477127b27115656ad6256f424625bf5c1e2770ce6d6e37df61d17');
  });

  it('RFC 6605 §6.1: the published RRSIG over www.example.net A verifies, and fails once altered', () => {
    const a: Rr = { name: 'www.example.net', type: 'A', ttl: 3600, class: 'IN', data: '192.0.2.1' };
    const sig: Rr = {
      name: 'www.example.net',
      type: 'RRSIG',
      ttl: 3600,
      class: 'IN',
      data: {
        typeCovered: 'A',
        algorithm: 13,
        labels: 3,
        originalTTL: 3600,
        expiration: seconds('20100909100439'),
        inception: seconds('20100812100439'),
        keyTag: 55648,
        signersName: 'example.net',
        signature: Buffer.from('qx6wLYqmh+l9oCKTN6qIc+bw6ya+KJ8oMz0YP107epXAyGmt+3SNruPFKG7tZoLBLlUzGGus7ZwmwWep666VCw==', 'base64'),
      },
    };
    const now = seconds('20100820000000');
    expect(verifyRrset([a], [sig], 'example.net', [rfc6605Key], now)).toMatchObject({ ok: true, keyTag: 55648 });
    expect(verifyRrset([{ ...a, data: '192.0.2.2' }], [sig], 'example.net', [rfc6605Key], now)).toMatchObject({ ok: false, rule: 'RFC 4035 §5.3.3' });
    expect(verifyRrset([a], [sig], 'example.net', [rfc6605Key], seconds('20101001000000'))).toMatchObject({ ok: false, reason: expect.stringContaining('expired') });
    expect(verifyRrset([a], [sig], 'example.org', [rfc6605Key], now)).toMatchObject({ ok: false, reason: expect.stringContaining('not the zone') });
  });
});
