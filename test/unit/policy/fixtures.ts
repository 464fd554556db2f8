// Real certificates for the policy tests: a root, an intermediate and leaves, ECDSA P-256,
// with validity dates and names chosen per test.
import 'reflect-metadata';
import { X509Certificate, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;

export interface TestCert {
  der: Buffer;
  cert: X509Certificate;
  subject: string;
  keys: CryptoKeyPair;
}

let serialCounter = 1;

async function make(options: {
  subject: string;
  issuer?: TestCert;
  ca: boolean;
  dnsNames?: string[];
  notBefore?: number;
  notAfter?: number;
}): Promise<TestCert> {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(options.ca, undefined, true),
    new x509.KeyUsagesExtension(options.ca ? x509.KeyUsageFlags.keyCertSign : x509.KeyUsageFlags.digitalSignature, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  if (options.dnsNames?.length) {
    extensions.push(new x509.SubjectAlternativeNameExtension(options.dnsNames.map((value) => ({ type: 'dns' as const, value }))));
  }
  if (options.issuer) extensions.push(await x509.AuthorityKeyIdentifierExtension.create(options.issuer.keys.publicKey));
  const generated = await x509.X509CertificateGenerator.create({
    serialNumber: (serialCounter++).toString(16).padStart(4, '0'),
    subject: options.subject,
    issuer: options.issuer?.subject ?? options.subject,
    notBefore: new Date(options.notBefore ?? now - DAY),
    notAfter: new Date(options.notAfter ?? now + 30 * DAY),
    signingAlgorithm: ALG,
    publicKey: keys.publicKey,
    signingKey: options.issuer?.keys.privateKey ?? keys.privateKey,
    extensions,
  });
  const der = Buffer.from(generated.rawData);
  return { der, cert: new X509Certificate(der), subject: options.subject, keys };
}

export function rootCa(name = 'Test Root'): Promise<TestCert> {
  return make({ subject: `CN=${name}`, ca: true });
}

export function intermediateCa(issuer: TestCert, name = 'Test Intermediate'): Promise<TestCert> {
  return make({ subject: `CN=${name}`, issuer, ca: true });
}

export function leaf(issuer: TestCert | null, host: string, options: { dnsNames?: string[]; notBefore?: number; notAfter?: number } = {}): Promise<TestCert> {
  return make({
    subject: `CN=${host}`,
    ...(issuer ? { issuer } : {}),
    ca: false,
    dnsNames: options.dnsNames ?? [host],
    ...(options.notBefore !== undefined ? { notBefore: options.notBefore } : {}),
    ...(options.notAfter !== undefined ? { notAfter: options.notAfter } : {}),
  });
}

export const DAY_MS = DAY;
