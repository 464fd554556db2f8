// The lab root trust anchor, in the forms tools read: BIND's trust-anchors clause (delv -a),
// a DS line and a DNSKEY line.
import type { DnskeyData, DsData } from 'dns-packet';
import { DIGEST_SHA256, dsFor } from '../dnssec/keys-crypto.ts';
import type { TrustAnchor } from '../dnssec/dnskey-trust.ts';

export interface LabAnchor extends TrustAnchor {
  zone: '.';
  dnskey: DnskeyData;
  dsRecord: DsData;
  /** `trust-anchors { . static-key 257 3 13 "..."; };` for delv -a / named.conf. */
  bind: string;
  /** ". IN DS tag 13 2 HEX" */
  dsText: string;
  /** ". IN DNSKEY 257 3 13 BASE64" */
  dnskeyText: string;
}

export function labAnchor(rootKsk: DnskeyData): LabAnchor {
  const ds = dsFor('.', rootKsk, DIGEST_SHA256);
  const key = rootKsk.key.toString('base64');
  return {
    zone: '.',
    dnskey: rootKsk,
    dsRecord: ds,
    ds: [ds],
    // Static, not initial-key: the lab's root key is not rolled by RFC 5011 and delv reads both.
    bind: `trust-anchors {\n\t. static-key ${rootKsk.flags} 3 ${rootKsk.algorithm} "${key}";\n};\n`,
    dsText: `. IN DS ${ds.keyTag} ${ds.algorithm} ${ds.digestType} ${ds.digest.toString('hex').toUpperCase()}`,
    dnskeyText: `. IN DNSKEY ${rootKsk.flags} 3 ${rootKsk.algorithm} ${key}`,
  };
}
