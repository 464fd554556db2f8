// The main.cf parameters the lab's MTAs understand, with Postfix's defaults (as `postconf -d`
// of Postfix 3.7 prints them; a test compares with the real postconf when it is installed) and
// the values postconf(5) and TLS_README allow. smtpd_* configure the receiving MTA
// mx.example.jp, smtp_* the sending MTA mail.sender.example.
import type { PostconfSide } from '../../common/postconf.ts';
import { CIPHER_GRADES } from './cipher-grades.ts';
import { parseExcludeList } from './cipher-grades.ts';
import { parseTlsProtocols } from './tls-protocols.ts';

export interface ParameterDef {
  name: string;
  side: PostconfSide;
  /** The compiled-in default, exactly as `postconf -d` prints it. */
  postfixDefault: string;
  /** Why the value (after $name expansion) is refused, or null. */
  check(value: string): string | null;
}

export const SMTPD_LEVELS = ['none', 'may', 'encrypt'] as const;
export const SMTP_LEVELS = ['none', 'may', 'encrypt', 'dane', 'dane-only', 'verify', 'secure'] as const;
export type SmtpdLevel = (typeof SMTPD_LEVELS)[number];
export type SmtpLevel = (typeof SMTP_LEVELS)[number];

/** The form postfix-mta-sts-resolver's users write: its socketmap on 127.0.0.1:8461, map name "postfix". */
export const MTA_STS_POLICY_MAP = 'socketmap:inet:127.0.0.1:8461:postfix';
const MTA_STS_MAP_FORM = /^socketmap:inet:(127\.0\.0\.1|localhost):8461:postfix$/;

const oneOf = (allowed: readonly string[], extra: Record<string, string> = {}) => (value: string) => {
  const v = value.toLowerCase();
  if (extra[v]) return extra[v];
  return v === '' || allowed.includes(v) ? null : `"${value}" is not one of: ${allowed.join(', ')}`;
};
const boolean = (value: string) => (/^(yes|no)$/i.test(value) ? null : `"${value}" is not a boolean; use yes or no`);
const protocols = (value: string) => {
  const parsed = parseTlsProtocols(value);
  return parsed.ok ? null : parsed.message;
};
const grade = (value: string) => (CIPHER_GRADES.includes(value.toLowerCase() as (typeof CIPHER_GRADES)[number]) ? null : `"${value}" is not a cipher grade; one of: ${CIPHER_GRADES.join(', ')}`);
const exclude = (value: string) => {
  const parsed = parseExcludeList(value);
  return parsed.ok ? null : parsed.message;
};
// Files are checked together (key with certificate) in effective-settings.ts.
const files = () => null;
const policyMaps = (value: string) =>
  value === '' || MTA_STS_MAP_FORM.test(value)
    ? null
    : `the lab's sending MTA has one TLS policy map: its MTA-STS resolver, written as postfix-mta-sts-resolver users write it: ${MTA_STS_POLICY_MAP} (or empty for none)`;

const SMTP_LEVEL_NOTES: Record<string, string> = {
  fingerprint: '"fingerprint" needs smtp_tls_fingerprint_digest and certificate digests in a policy table, which the lab does not have; use verify, secure or dane',
};

export const PARAMETERS: readonly ParameterDef[] = [
  { name: 'smtp_tls_ciphers', side: 'sender', postfixDefault: 'medium', check: grade },
  { name: 'smtp_tls_exclude_ciphers', side: 'sender', postfixDefault: '', check: exclude },
  { name: 'smtp_tls_mandatory_ciphers', side: 'sender', postfixDefault: 'medium', check: grade },
  { name: 'smtp_tls_mandatory_protocols', side: 'sender', postfixDefault: '>=TLSv1', check: protocols },
  { name: 'smtp_tls_policy_maps', side: 'sender', postfixDefault: '', check: policyMaps },
  { name: 'smtp_tls_protocols', side: 'sender', postfixDefault: '>=TLSv1', check: protocols },
  { name: 'smtp_tls_security_level', side: 'sender', postfixDefault: '', check: oneOf(SMTP_LEVELS, SMTP_LEVEL_NOTES) },
  { name: 'smtpd_tls_auth_only', side: 'receiver', postfixDefault: 'no', check: boolean },
  { name: 'smtpd_tls_cert_file', side: 'receiver', postfixDefault: '', check: files },
  { name: 'smtpd_tls_chain_files', side: 'receiver', postfixDefault: '', check: files },
  { name: 'smtpd_tls_ciphers', side: 'receiver', postfixDefault: 'medium', check: grade },
  { name: 'smtpd_tls_exclude_ciphers', side: 'receiver', postfixDefault: '', check: exclude },
  { name: 'smtpd_tls_key_file', side: 'receiver', postfixDefault: '$smtpd_tls_cert_file', check: files },
  { name: 'smtpd_tls_mandatory_ciphers', side: 'receiver', postfixDefault: 'medium', check: grade },
  { name: 'smtpd_tls_mandatory_protocols', side: 'receiver', postfixDefault: '>=TLSv1', check: protocols },
  { name: 'smtpd_tls_protocols', side: 'receiver', postfixDefault: '>=TLSv1', check: protocols },
  { name: 'smtpd_tls_received_header', side: 'receiver', postfixDefault: 'no', check: boolean },
  { name: 'smtpd_tls_security_level', side: 'receiver', postfixDefault: '', check: oneOf(SMTPD_LEVELS) },
];

const BY_NAME = new Map(PARAMETERS.map((p) => [p.name, p]));

export const parameter = (name: string): ParameterDef | undefined => BY_NAME.get(name);

/**
 * The lab's own main.cf, what `postconf -n` shows after a reset: a receiver and a sender as a
 * Debian installation sets them up (opportunistic TLS both ways, a certificate for the server),
 * limited to TLS 1.2 and later and to the suites the NCSC-NL TLS guidelines rate good or sufficient
 * (what the mail checker asks for), with the TLS details in the Received header.
 */
export const LAB_MAIN_CF: Readonly<Record<string, string>> = {
  smtp_tls_mandatory_protocols: '>=TLSv1.2',
  smtp_tls_protocols: '>=TLSv1.2',
  smtp_tls_security_level: 'may',
  smtpd_tls_auth_only: 'yes',
  smtpd_tls_cert_file: '/etc/smtp-lab/tls/valid/cert.pem',
  smtpd_tls_ciphers: 'high',
  smtpd_tls_exclude_ciphers: 'aNULL, eNULL, kRSA, 3DES, ARIA, CAMELLIA, AESCCM8',
  smtpd_tls_key_file: '/etc/smtp-lab/tls/valid/privkey.pem',
  smtpd_tls_mandatory_ciphers: 'high',
  smtpd_tls_mandatory_protocols: '>=TLSv1.2',
  smtpd_tls_protocols: '>=TLSv1.2',
  smtpd_tls_received_header: 'yes',
  smtpd_tls_security_level: 'may',
};
