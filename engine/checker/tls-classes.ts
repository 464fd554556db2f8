// The classes internet.nl uses for TLS, from the NCSC-NL "IT Security Guidelines for Transport
// Layer Security (TLS)" (2021): versions and cipher suites are good, sufficient, phase-out or
// insufficient. A server passes when everything it accepts is good or sufficient.
//
// Cipher suites are judged by their parts, as the guidelines' tables are built:
// - key exchange: ECDHE good, DHE sufficient (the guidelines rate finite-field DHE below ECDHE),
//   static RSA phase-out (no forward secrecy), anything else (anonymous, PSK/SRP alone, static DH,
//   export) insufficient;
// - bulk cipher: AEAD (AES-GCM, ChaCha20-Poly1305, AES-CCM) good, AES-CBC sufficient,
//   3DES phase-out (64-bit block, Sweet32), ARIA and Camellia phase-out (outside the tables'
//   AES/ChaCha core; internet.nl lists them as phase-out), AES-CCM8 (a 64-bit tag), NULL, RC4,
//   DES, IDEA, SEED insufficient; an MD5 MAC is insufficient.
// The suite's class is the worse of its parts. TLS 1.3 suites have no key-exchange part (always
// (EC)DHE): AES-GCM and ChaCha20 good, AES-128-CCM sufficient, AES-128-CCM-8 insufficient.

import { english, text, type Text } from '../../common/i18n/text.ts';

export type TlsClass = 'good' | 'sufficient' | 'phase-out' | 'insufficient';

/** A class as the learner reads it: good, sufficient, phase-out, insufficient. */
export const classText = (cls: TlsClass): Text => text(`class.${cls}`);

export const CLASS_ORDER: readonly TlsClass[] = ['good', 'sufficient', 'phase-out', 'insufficient'];

export function worse(a: TlsClass, b: TlsClass): TlsClass {
  return CLASS_ORDER.indexOf(a) >= CLASS_ORDER.indexOf(b) ? a : b;
}

export const passes = (c: TlsClass): boolean => c === 'good' || c === 'sufficient';

/** Node's names (tls.getProtocol()), oldest first. SSL 3.0 and 2.0 are not built into OpenSSL 3. */
export const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
export type TlsVersionName = (typeof TLS_VERSIONS)[number];

export function versionLabel(version: string): string {
  return version === 'TLSv1' ? 'TLS 1.0' : version.replace(/^TLSv/, 'TLS ').replace(/^SSLv/, 'SSL ');
}

/** NCSC-NL 2021 §3.3.1 (table 2): TLS 1.3 and 1.2 good, 1.1 and 1.0 phase-out, SSL insufficient. */
export function versionClass(version: string): TlsClass {
  if (version === 'TLSv1.3' || version === 'TLSv1.2') return 'good';
  if (version === 'TLSv1.1' || version === 'TLSv1') return 'phase-out';
  return 'insufficient';
}

export interface CipherParts {
  kx: 'ECDHE' | 'DHE' | 'RSA' | 'anonymous' | 'PSK' | 'SRP' | 'static-DH' | 'export' | 'TLS1.3';
  enc: 'AES-GCM' | 'CHACHA20-POLY1305' | 'AES-CCM' | 'AES-CCM8' | 'AES-CBC' | '3DES' | 'ARIA' | 'CAMELLIA' | 'NULL' | 'RC4' | 'DES' | 'IDEA' | 'SEED' | 'other';
  md5: boolean;
}

export interface CipherVerdict {
  cipher: string;
  class: TlsClass;
  parts: CipherParts;
  /** Why, in the guidelines' words. */
  reason: string;
  reasonText: Text;
  /** The OpenSSL cipher-string word that removes it, e.g. "kRSA" or "3DES"; absent for good/sufficient. */
  exclude?: string;
}

/** Splits an OpenSSL (TLS 1.2 and older) or IANA (TLS 1.3) cipher suite name into its parts. */
export function cipherParts(name: string): CipherParts {
  const n = name.toUpperCase();
  const md5 = /(^|-)MD5$/.test(n);
  if (n.startsWith('TLS_')) {
    const enc = n.includes('CCM_8') ? 'AES-CCM8' : n.includes('CCM') ? 'AES-CCM' : n.includes('CHACHA20') ? 'CHACHA20-POLY1305' : n.includes('GCM') ? 'AES-GCM' : 'other';
    return { kx: 'TLS1.3', enc, md5 };
  }
  const enc: CipherParts['enc'] = n.includes('NULL')
    ? 'NULL'
    : n.includes('RC4')
      ? 'RC4'
      : n.includes('DES-CBC3') || n.includes('3DES')
        ? '3DES'
        : /(^|-)DES(-|$)/.test(n) || n.includes('DES-CBC')
          ? 'DES'
          : n.includes('CHACHA20')
            ? 'CHACHA20-POLY1305'
            : n.includes('ARIA')
              ? 'ARIA'
              : n.includes('CAMELLIA')
                ? 'CAMELLIA'
                : n.includes('SEED')
                  ? 'SEED'
                  : n.includes('IDEA')
                    ? 'IDEA'
                    : n.includes('AES') && n.includes('GCM')
                      ? 'AES-GCM'
                      : n.includes('AES') && n.includes('CCM8')
                        ? 'AES-CCM8'
                        : n.includes('AES') && n.includes('CCM')
                          ? 'AES-CCM'
                          : n.includes('AES')
                            ? 'AES-CBC'
                            : 'other';
  const kx: CipherParts['kx'] = n.startsWith('EXP')
    ? 'export'
    : n.startsWith('ADH-') || n.startsWith('AECDH-')
      ? 'anonymous'
      : n.includes('PSK')
        ? 'PSK'
        : n.startsWith('SRP-')
          ? 'SRP'
          : n.startsWith('ECDHE-') || n.startsWith('EECDH-')
            ? 'ECDHE'
            : n.startsWith('DHE-') || n.startsWith('EDH-')
              ? 'DHE'
              : n.startsWith('ECDH-') || n.startsWith('DH-')
                ? 'static-DH'
                : 'RSA';
  return { kx, enc, md5 };
}

const ENC_CLASS: Record<CipherParts['enc'], TlsClass> = {
  'AES-GCM': 'good',
  'CHACHA20-POLY1305': 'good',
  'AES-CCM': 'good',
  'AES-CBC': 'sufficient',
  '3DES': 'phase-out',
  ARIA: 'phase-out',
  CAMELLIA: 'phase-out',
  'AES-CCM8': 'insufficient',
  NULL: 'insufficient',
  RC4: 'insufficient',
  DES: 'insufficient',
  IDEA: 'insufficient',
  SEED: 'insufficient',
  other: 'insufficient',
};

const KX_CLASS: Record<CipherParts['kx'], TlsClass> = {
  ECDHE: 'good',
  'TLS1.3': 'good',
  DHE: 'sufficient',
  RSA: 'phase-out',
  anonymous: 'insufficient',
  PSK: 'insufficient',
  SRP: 'insufficient',
  'static-DH': 'insufficient',
  export: 'insufficient',
};

/** The OpenSSL cipher-string word that removes a suite of this kind (Postfix's *_exclude_ciphers). */
function exclusionWord(parts: CipherParts): string | undefined {
  if (parts.md5) return 'MD5';
  if (parts.kx === 'export') return 'EXP';
  if (parts.kx === 'anonymous') return 'aNULL';
  if (parts.enc === 'NULL') return 'eNULL';
  if (parts.kx === 'PSK') return 'PSK';
  if (parts.kx === 'SRP') return 'SRP';
  if (parts.kx === 'static-DH') return 'kECDH';
  const byEnc: Partial<Record<CipherParts['enc'], string>> = { '3DES': '3DES', ARIA: 'ARIA', CAMELLIA: 'CAMELLIA', 'AES-CCM8': 'AESCCM8', RC4: 'RC4', DES: 'DES', IDEA: 'IDEA', SEED: 'SEED' };
  if (byEnc[parts.enc]) return byEnc[parts.enc];
  if (parts.kx === 'RSA') return 'kRSA';
  if (parts.kx === 'DHE') return 'kDHE';
  return undefined;
}

export function cipherClass(cipher: string): CipherVerdict {
  const parts = cipherParts(cipher);
  let cls = worse(KX_CLASS[parts.kx], ENC_CLASS[parts.enc]);
  if (parts.md5) cls = 'insufficient';
  // TLS 1.3 AES-128-CCM is below GCM and ChaCha20 in the guidelines' TLS 1.3 table.
  if (parts.kx === 'TLS1.3' && parts.enc === 'AES-CCM') cls = worse(cls, 'sufficient');
  const reasonText = text(parts.md5 ? 'cipher.reasonMd5' : 'cipher.reason', { kx: text(`kx.${parts.kx}`), enc: parts.enc, class: classText(cls) });
  const reason = english(reasonText);
  const exclude = passes(cls) ? undefined : exclusionWord(parts);
  return { cipher, class: cls, parts, reason, reasonText, ...(exclude ? { exclude } : {}) };
}
