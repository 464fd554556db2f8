// Signs a message the sending MTA writes itself (TLS-RPT reports: RFC 8460 §5.3 wants a valid DKIM
// signature by the reporting domain) with mailauth's DKIM signer, relaxed/relaxed (RFC 6376 §3.4).
import type { DKIMSignOptions } from 'mailauth';
import { dkimSign } from 'mailauth/lib/dkim/sign.js';
import type { DkimKey } from './dkim-key.ts';

export async function signMessage(message: Buffer, key: DkimKey): Promise<Buffer> {
  // mailauth reads a signatureData list (lib/dkim/dkim-signer.js); its .d.ts describes the flat form only.
  const options = {
    canonicalization: 'relaxed/relaxed',
    signatureData: [{ signingDomain: key.domain, selector: key.selector, privateKey: key.privateKeyPem, algorithm: 'rsa-sha256' }],
  } as unknown as DKIMSignOptions;
  const result = await dkimSign(message, options);
  if (result.errors?.length) throw new Error(`DKIM signing failed: ${result.errors.map((e) => (e as Error).message ?? String(e)).join('; ')}`);
  return Buffer.concat([Buffer.from(result.signatures, 'utf8'), message]);
}
