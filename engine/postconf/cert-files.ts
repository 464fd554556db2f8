// The receiver's certificate files as main.cf names them. The lab keeps its certificates for
// mx.example.jp in the layout certbot uses: per variant a directory with privkey.pem (the key),
// cert.pem (the leaf alone) and fullchain.pem (the leaf, then the lab CA that issued it):
//
//   smtpd_tls_chain_files = /etc/smtp-lab/tls/valid/privkey.pem, /etc/smtp-lab/tls/valid/fullchain.pem
//   smtpd_tls_cert_file = /etc/smtp-lab/tls/expired/cert.pem
//   smtpd_tls_key_file = /etc/smtp-lab/tls/expired/privkey.pem
//
// A self-signed certificate has no issuer to add, so its directory has no fullchain.pem.
import { isText, text as t, told, type Text } from '../../common/i18n/text.ts';

export const CERT_VARIANTS = ['valid', 'expired', 'wrong-name', 'self-signed'] as const;
export type LabCertVariant = (typeof CERT_VARIANTS)[number];

export const CERT_DIR = '/etc/smtp-lab/tls';

export type CertFilePart = 'privkey' | 'cert' | 'fullchain';

export interface CertChoice {
  variant: LabCertVariant;
  /** leaf: cert.pem; full: fullchain.pem (leaf + CA). */
  chain: 'leaf' | 'full';
}

export const certPath = (variant: LabCertVariant, part: CertFilePart): string => `${CERT_DIR}/${variant}/${part}.pem`;

/** Every file in the lab's store, for error messages and documentation. */
export function labCertFiles(): string[] {
  return CERT_VARIANTS.flatMap((variant) => (['privkey', 'cert', 'fullchain'] as const).filter((part) => variant !== 'self-signed' || part !== 'fullchain').map((part) => certPath(variant, part)));
}

type FileRef = { variant: LabCertVariant; part: CertFilePart };

function lookupFile(path: string): FileRef | Text {
  const m = /^\/etc\/smtp-lab\/tls\/([a-z-]+)\/(privkey|cert|fullchain)\.pem$/.exec(path);
  const variant = CERT_VARIANTS.find((v) => v === m?.[1]);
  if (!m || !variant) return t('postconf.noSuchFile', { path, pattern: `${CERT_DIR}/{${CERT_VARIANTS.join(',')}}/{privkey,cert,fullchain}.pem` });
  if (variant === 'self-signed' && m[2] === 'fullchain') return t('postconf.noSelfSignedChain', { path, cert: certPath('self-signed', 'cert') });
  return { variant, part: m[2] as CertFilePart };
}

const splitFiles = (value: string) => value.split(/[\s,]+/).filter(Boolean);

/**
 * What the receiver presents, from smtpd_tls_chain_files (which wins when set, postconf(5)) or
 * smtpd_tls_cert_file and smtpd_tls_key_file; null when neither names a certificate.
 */
export function certChoice(settings: { chainFiles: string; certFile: string; keyFile: string }): { ok: true; choice: CertChoice | null } | { ok: false; param: string; message: string; messageText: Text } {
  if (settings.chainFiles.trim()) {
    const files = splitFiles(settings.chainFiles);
    const refs: FileRef[] = [];
    for (const file of files) {
      const ref = lookupFile(file);
      if (isText(ref)) return { ok: false, param: 'smtpd_tls_chain_files', ...told(ref) };
      refs.push(ref);
    }
    const [key, cert, ...rest] = refs;
    if (key.part !== 'privkey' || !cert || cert.part === 'privkey' || rest.length > 0) {
      return { ok: false, param: 'smtpd_tls_chain_files', ...told(t('postconf.chainOrder')) };
    }
    if (key.variant !== cert.variant) return { ok: false, param: 'smtpd_tls_chain_files', ...told(t('postconf.keyMismatch', { key: key.variant, cert: cert.variant })) };
    return { ok: true, choice: { variant: cert.variant, chain: cert.part === 'fullchain' ? 'full' : 'leaf' } };
  }
  if (!settings.certFile.trim()) return { ok: true, choice: null };
  const cert = lookupFile(settings.certFile.trim());
  if (isText(cert)) return { ok: false, param: 'smtpd_tls_cert_file', ...told(cert) };
  if (cert.part === 'privkey') return { ok: false, param: 'smtpd_tls_cert_file', ...told(t('postconf.keyNotCert', { path: settings.certFile.trim() })) };
  const key = lookupFile(settings.keyFile.trim());
  if (isText(key)) return { ok: false, param: 'smtpd_tls_key_file', ...told(key) };
  if (key.part !== 'privkey') return { ok: false, param: 'smtpd_tls_key_file', ...told(t('postconf.noKey', { path: settings.keyFile.trim(), key: certPath(cert.variant, 'privkey') })) };
  if (key.variant !== cert.variant) return { ok: false, param: 'smtpd_tls_key_file', ...told(t('postconf.keyMismatch', { key: key.variant, cert: cert.variant })) };
  return { ok: true, choice: { variant: cert.variant, chain: cert.part === 'fullchain' ? 'full' : 'leaf' } };
}
