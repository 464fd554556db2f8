// A zone as data: its origin, its records and how it is published (signed, unsigned, or
// deliberately broken for a lesson).
import type { DnskeyData } from 'dns-packet';
import type { KeyObject } from 'node:crypto';
import type { Rr } from '../wire/records.ts';

/**
 * signed: DNSKEY/RRSIG/NSEC, DS in the parent.
 * unsigned: no DNSSEC data, no DS in the parent (an insecure delegation, RFC 4035 §5.2).
 * bad-signature: every RRSIG except the DNSKEY one has a corrupted signature.
 * expired-rrsig: every RRSIG except the DNSKEY one expired a day ago.
 * missing-ds: signed, but the parent publishes no DS and proves it with NSEC: validators treat the zone as insecure.
 * wrong-ds: the parent's DS digest matches no DNSKEY of the zone.
 */
export type ZoneMode = 'signed' | 'unsigned' | 'bad-signature' | 'expired-rrsig' | 'missing-ds' | 'wrong-ds';

export const ZONE_MODES: ZoneMode[] = ['signed', 'unsigned', 'bad-signature', 'expired-rrsig', 'missing-ds', 'wrong-ds'];

export interface ZoneData {
  origin: string;
  mode: ZoneMode;
  /** Authoritative data plus delegation NS and glue; DNSKEY, DS, RRSIG and NSEC are added by the signer. */
  records: Rr[];
}

export interface SigningKey {
  privateKey: KeyObject;
  dnskey: DnskeyData;
  tag: number;
}

export interface ZoneKeys {
  ksk: SigningKey;
  zsk: SigningKey;
}

/** Whether a zone in this mode carries DNSKEY, RRSIG and NSEC records. */
export function isSignedMode(mode: ZoneMode): boolean {
  return mode !== 'unsigned';
}

/** Whether the parent publishes a DS for a child in this mode. */
export function parentHasDs(mode: ZoneMode): boolean {
  return mode !== 'unsigned' && mode !== 'missing-ds';
}
