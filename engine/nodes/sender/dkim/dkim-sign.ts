// Signs a message the sending MTA writes itself (TLS-RPT reports: RFC 8460 §5.3 wants a valid DKIM
// signature by the reporting domain) with mailauth's DKIM signer, relaxed/relaxed (RFC 6376 §3.4).
import type { DKIMSignOptions } from 'mailauth';
import type { DkimKey } from './dkim-key.ts';

export async function signMessage(message: Buffer, key: DkimKey): Promise<Buffer> {
  // Loaded with the first message signed, not when the lab starts.
  const { dkimSign } = await import('mailauth/lib/dkim/sign.js');
  // mailauth reads a signatureData list (lib/dkim/dkim-signer.js); its .d.ts describes the flat form only.
  const options = {
    canonicalization: 'relaxed/relaxed',
    // One signing time for the whole signature: without it mailauth reads the clock for t= once for
    // the hash and again for the header it writes, and a second passing in between breaks it.
    signTime: new Date(),
    signatureData: [{ signingDomain: key.domain, selector: key.selector, privateKey: key.privateKeyPem, algorithm: 'rsa-sha256' }],
  } as unknown as DKIMSignOptions;
  const result = await dkimSign(message, options);
  if (result.errors?.length) throw new Error(`DKIM signing failed: ${result.errors.map((e) => (e as Error).message ?? String(e)).join('; ')}`);
  return Buffer.concat([Buffer.from(result.signatures, 'utf8'), message]);
}

/** The domain of the first address in the header From field, lower case; null when there is none. */
export function headerFromDomain(message: Buffer): string | null {
  const head = message.subarray(0, Math.min(message.length, 64 * 1024)).toString('latin1').split(/\r?\n\r?\n/)[0];
  const from = head.match(/^From:[ \t]*((?:.*)(?:\r?\n[ \t].*)*)/im)?.[1] ?? '';
  const address = from.match(/<([^>]*)>/)?.[1] ?? from.trim();
  const at = address.lastIndexOf('@');
  return at < 0 ? null : address.slice(at + 1).trim().toLowerCase() || null;
}

/**
 * OpenDKIM's signing decision for mail the sender submits: sign when the From domain is the
 * key's (its SigningTable), and not twice (a message taken up again from the queue).
 */
export async function signOutgoing(message: Buffer, key: DkimKey): Promise<Buffer> {
  if (headerFromDomain(message) !== key.domain.toLowerCase()) return message;
  const head = message.subarray(0, Math.min(message.length, 64 * 1024)).toString('latin1').split(/\r?\n\r?\n/)[0];
  if (new RegExp(`^DKIM-Signature:(?:.*)(?:\\r?\\n[ \\t].*)*\\bd=${key.domain.replace(/\./g, '\\.')}\\s*;`, 'im').test(head)) return message;
  return signMessage(message, key);
}
