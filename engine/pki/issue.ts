// Certificate issuance for the lab PKI: a root CA and server leaves, ECDSA P-256.
// Loaded lazily by lab-pki.ts, only when something has to be generated.

import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 60 * 60 * 1000;
// Backdated a little so a clock that lags between processes does not make a fresh
// certificate "not yet valid".
const BACKDATE_MS = 60 * 60 * 1000;

export interface IssuedPem {
  certPem: string;
  keyPem: string;
}

export interface IssueLeafOptions {
  /** Validity in days from now (default 365); ignored where notAfter is given. */
  days?: number;
  /** Extra DNS names besides the hostname. */
  altNames?: string[];
  /** Start of validity (default: an hour ago). */
  notBefore?: Date;
  /** End of validity; in the past for a certificate that must fail as expired. */
  notAfter?: Date;
}

function serial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] &= 0x7f; // a positive INTEGER (RFC 5280 §4.1.2.2)
  return Buffer.from(bytes).toString('hex');
}

async function keyToPem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

async function importKey(keyPem: string): Promise<CryptoKey> {
  const der = x509.PemConverter.decode(keyPem)[0];
  return webcrypto.subtle.importKey('pkcs8', der, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
}

export async function createRootCa(commonName = 'SMTP Lab Root CA', days = 3650): Promise<IssuedPem> {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${commonName}, O=SMTP Lab`,
    notBefore: new Date(now - BACKDATE_MS),
    notAfter: new Date(now + days * DAY_MS),
    signingAlgorithm: ALG,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await keyToPem(keys.privateKey) };
}

function validity(options: IssueLeafOptions): { notBefore: Date; notAfter: Date } {
  const now = Date.now();
  return {
    notBefore: options.notBefore ?? new Date(now - BACKDATE_MS),
    notAfter: options.notAfter ?? new Date(now + (options.days ?? 365) * DAY_MS),
  };
}

async function leafExtensions(hostname: string, options: IssueLeafOptions, publicKey: CryptoKey, authorityKey: x509.PublicKeyType): Promise<x509.Extension[]> {
  const names = [hostname, ...(options.altNames ?? [])].map((value) => ({ type: 'dns' as const, value }));
  return [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    new x509.SubjectAlternativeNameExtension(names),
    await x509.SubjectKeyIdentifierExtension.create(publicKey),
    await x509.AuthorityKeyIdentifierExtension.create(authorityKey),
  ];
}

export async function issueServerLeaf(ca: IssuedPem, hostname: string, options: IssueLeafOptions = {}): Promise<IssuedPem> {
  const caCert = new x509.X509Certificate(ca.certPem);
  const caKey = await importKey(ca.keyPem);
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${hostname}`,
    issuer: caCert.subject,
    ...validity(options),
    signingAlgorithm: ALG,
    publicKey: keys.publicKey,
    signingKey: caKey,
    extensions: await leafExtensions(hostname, options, keys.publicKey, caCert.publicKey),
  });
  return { certPem: cert.toString('pem'), keyPem: await keyToPem(keys.privateKey) };
}

/** A server certificate signed by its own key: it chains to nothing a client trusts. */
export async function issueSelfSignedLeaf(hostname: string, options: IssueLeafOptions = {}): Promise<IssuedPem> {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${hostname}`,
    ...validity(options),
    signingAlgorithm: ALG,
    keys,
    extensions: await leafExtensions(hostname, options, keys.publicKey, keys.publicKey),
  });
  return { certPem: cert.toString('pem'), keyPem: await keyToPem(keys.privateKey) };
}
