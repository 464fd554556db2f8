// DNSKEY arithmetic and algorithm 13 (ECDSA P-256 with SHA-256, RFC 6605) on node:crypto.
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { DnskeyData, DsData } from 'dns-packet';
import { nameWire } from '../wire/names.ts';

export const ALG_ECDSAP256SHA256 = 13;
export const DIGEST_SHA1 = 1;
export const DIGEST_SHA256 = 2;
export const FLAG_ZONE = 0x0100;
export const FLAG_SEP = 0x0001;
export const FLAG_REVOKE = 0x0080;
// RFC 4034 §2.1.1: a KSK is a zone key with the Secure Entry Point bit (257), a ZSK without (256).
export const KSK_FLAGS = FLAG_ZONE | FLAG_SEP;
export const ZSK_FLAGS = FLAG_ZONE;

/** DNSKEY RDATA: flags | protocol 3 | algorithm | public key (RFC 4034 §2.1). */
export function dnskeyRdata(key: DnskeyData): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(key.flags, 0);
  head[2] = 3;
  head[3] = key.algorithm;
  return Buffer.concat([head, key.key]);
}

/** Key tag over the DNSKEY RDATA (RFC 4034 Appendix B; algorithm 1 is not used here). */
export function keyTag(key: DnskeyData): number {
  const rdata = dnskeyRdata(key);
  let ac = 0;
  for (let i = 0; i < rdata.length; i++) ac += i & 1 ? rdata[i] : rdata[i] << 8;
  ac += (ac >> 16) & 0xffff;
  return ac & 0xffff;
}

const DIGESTS: Record<number, string> = { [DIGEST_SHA1]: 'sha1', [DIGEST_SHA256]: 'sha256' };

export function supportedDigest(digestType: number): boolean {
  return digestType in DIGESTS;
}

/** DS digest = digest(owner name | DNSKEY RDATA) (RFC 4034 §5.1.4). */
export function dsFor(owner: string, key: DnskeyData, digestType = DIGEST_SHA256): DsData {
  const algorithm = DIGESTS[digestType];
  if (!algorithm) throw new Error(`DS digest type ${digestType} is not supported`);
  const digest = createHash(algorithm).update(nameWire(owner)).update(dnskeyRdata(key)).digest();
  return { keyTag: keyTag(key), algorithm: key.algorithm, digestType, digest };
}

/** RFC 6605 §4: the public key field is the 64-octet point Q = x | y. */
export function publicKeyField(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  return Buffer.concat([Buffer.from(jwk.x as string, 'base64url'), Buffer.from(jwk.y as string, 'base64url')]);
}

const publicKeys = new Map<string, KeyObject | null>();

/** The node:crypto key for a DNSKEY field, or null when it is not a point on P-256. */
export function publicKeyFromField(field: Buffer): KeyObject | null {
  const id = field.toString('base64');
  if (publicKeys.has(id)) return publicKeys.get(id)!;
  let key: KeyObject | null = null;
  if (field.length === 64) {
    try {
      key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: field.subarray(0, 32).toString('base64url'), y: field.subarray(32).toString('base64url') }, format: 'jwk' });
    } catch {
      key = null;
    }
  }
  if (publicKeys.size > 1000) publicKeys.clear();
  publicKeys.set(id, key);
  return key;
}

/** RFC 6605 §4: the signature is r | s, 32 octets each (IEEE P1363 form). */
export function signP256(privateKey: KeyObject, data: Buffer): Buffer {
  return sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
}

export function verifyP256(field: Buffer, data: Buffer, signature: Buffer): boolean {
  const key = publicKeyFromField(field);
  if (!key || signature.length !== 64) return false;
  try {
    return verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
}
