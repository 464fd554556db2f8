// The certificate files of engine/postconf/cert-files.ts for one host, read from the lab PKI
// when the lab starts (they are cached on disk), so a main.cf change applies at once.
import type { IssuedPem } from '../pki/issue.ts';
import type { LabPki } from '../pki/lab-pki.ts';
import { CERT_VARIANTS, type CertChoice, type LabCertVariant } from './cert-files.ts';

export interface LabCertStore {
  /** The key and the certificate (or leaf + CA chain) a choice names. */
  get(choice: CertChoice): IssuedPem;
}

export async function loadLabCertStore(pki: LabPki, hostname: string): Promise<LabCertStore> {
  const load = (variant: LabCertVariant): Promise<IssuedPem> => (variant === 'valid' ? pki.leaf(hostname) : pki.variant(hostname, variant));
  const leaves = new Map(await Promise.all(CERT_VARIANTS.map(async (v) => [v, await load(v)] as const)));
  return {
    get({ variant, chain }) {
      const { certPem, keyPem } = leaves.get(variant)!;
      // fullchain.pem: the leaf, then the CA that issued it (RFC 8446 §4.4.2 order).
      if (chain === 'full' && variant !== 'self-signed') return { certPem: `${certPem.trimEnd()}\n${pki.caCertPem.trimEnd()}\n`, keyPem };
      return { certPem, keyPem };
    },
  };
}
