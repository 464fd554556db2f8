// The NCSC-NL classes internet.nl applies, on the names OpenSSL and IANA give suites.
import { describe, expect, it } from 'vitest';
import { cipherClass, cipherParts, versionClass } from '../../../engine/checker/tls-classes.ts';

describe('TLS version classes (NCSC-NL 2021 §3.3.1)', () => {
  it.each([
    ['TLSv1.3', 'good'],
    ['TLSv1.2', 'good'],
    ['TLSv1.1', 'phase-out'],
    ['TLSv1', 'phase-out'],
    ['SSLv3', 'insufficient'],
  ])('%s is %s', (version, expected) => expect(versionClass(version)).toBe(expected));
});

describe('cipher suite classes', () => {
  it.each([
    ['TLS_AES_256_GCM_SHA384', 'good'],
    ['TLS_CHACHA20_POLY1305_SHA256', 'good'],
    ['TLS_AES_128_GCM_SHA256', 'good'],
    ['TLS_AES_128_CCM_SHA256', 'sufficient'],
    ['TLS_AES_128_CCM_8_SHA256', 'insufficient'],
    ['ECDHE-ECDSA-AES256-GCM-SHA384', 'good'],
    ['ECDHE-RSA-CHACHA20-POLY1305', 'good'],
    ['ECDHE-ECDSA-AES128-CCM', 'good'],
    ['ECDHE-ECDSA-AES256-SHA384', 'sufficient'],
    ['ECDHE-RSA-AES128-SHA', 'sufficient'],
    ['DHE-RSA-AES256-GCM-SHA384', 'sufficient'],
    ['DHE-RSA-AES128-SHA256', 'sufficient'],
    ['AES256-GCM-SHA384', 'phase-out'],
    ['AES128-SHA', 'phase-out'],
    ['DES-CBC3-SHA', 'phase-out'],
    ['ECDHE-ECDSA-DES-CBC3-SHA', 'phase-out'],
    ['ECDHE-ECDSA-ARIA256-GCM-SHA384', 'phase-out'],
    ['ECDHE-ECDSA-CAMELLIA128-SHA256', 'phase-out'],
    ['ECDHE-ECDSA-AES256-CCM8', 'insufficient'],
    ['ECDHE-ECDSA-NULL-SHA', 'insufficient'],
    ['NULL-MD5', 'insufficient'],
    ['RC4-SHA', 'insufficient'],
    ['ADH-AES128-SHA', 'insufficient'],
    ['AECDH-AES256-SHA', 'insufficient'],
    ['EXP-RC4-MD5', 'insufficient'],
    ['PSK-AES128-GCM-SHA256', 'insufficient'],
    ['ECDHE-PSK-CHACHA20-POLY1305', 'insufficient'],
    ['SRP-AES-128-CBC-SHA', 'insufficient'],
    ['IDEA-CBC-SHA', 'insufficient'],
  ])('%s is %s', (cipher, expected) => expect(cipherClass(cipher).class).toBe(expected));

  it('names the parts and the OpenSSL word that removes a weak suite', () => {
    expect(cipherParts('ECDHE-ECDSA-AES256-GCM-SHA384')).toEqual({ kx: 'ECDHE', enc: 'AES-GCM', md5: false });
    expect(cipherClass('AES256-SHA').exclude).toBe('kRSA');
    expect(cipherClass('ECDHE-RSA-DES-CBC3-SHA').exclude).toBe('3DES');
    expect(cipherClass('ECDHE-ECDSA-ARIA128-GCM-SHA256').exclude).toBe('ARIA');
    expect(cipherClass('ECDHE-ECDSA-AES128-CCM8').exclude).toBe('AESCCM8');
    expect(cipherClass('ECDHE-ECDSA-AES128-GCM-SHA256').exclude).toBeUndefined();
    expect(cipherClass('AES128-SHA').reason).toMatch(/RSA key exchange \(no forward secrecy\)/);
  });
});
