// The main.cf parameters the lab's MTAs understand, with Postfix's defaults (as `postconf -d`
// of Postfix 3.7 prints them; a test compares with the real postconf when it is installed) and
// the values postconf(5) and TLS_README allow. smtpd_* configure the receiving MTA
// mx.example.jp, smtp_* the sending MTA mail.sender.example.
import { text as t, type Text } from '../../common/i18n/text.ts';
import type { PostconfSide } from '../../common/postconf.ts';
import { CIPHER_GRADES } from './cipher-grades.ts';
import { parseExcludeList } from './cipher-grades.ts';
import { parseTlsProtocols } from './tls-protocols.ts';
import { parseGreetWait } from './greet-wait.ts';
import { checkMilters, checkSigningMilters } from './milters.ts';

export interface ParameterDef {
  name: string;
  side: PostconfSide;
  /** The compiled-in default, exactly as `postconf -d` prints it. */
  postfixDefault: string;
  /** Why the value (after $name expansion) is refused, or null. */
  check(value: string): Text | null;
}

export const SMTPD_LEVELS = ['none', 'may', 'encrypt'] as const;
export const SMTP_LEVELS = ['none', 'may', 'encrypt', 'dane', 'dane-only', 'verify', 'secure'] as const;
export type SmtpdLevel = (typeof SMTPD_LEVELS)[number];
export type SmtpLevel = (typeof SMTP_LEVELS)[number];

/** The form postfix-mta-sts-resolver's users write: its socketmap on 127.0.0.1:8461, map name "postfix". */
export const MTA_STS_POLICY_MAP = 'socketmap:inet:127.0.0.1:8461:postfix';
const MTA_STS_MAP_FORM = /^socketmap:inet:(127\.0\.0\.1|localhost):8461:postfix$/;

const oneOf = (allowed: readonly string[], extra: Record<string, Text> = {}) => (value: string) => {
  const v = value.toLowerCase();
  if (extra[v]) return extra[v];
  return v === '' || allowed.includes(v) ? null : t('postconf.notOneOf', { value, allowed: [...allowed] });
};
const timeValue = (value: string) => {
  const parsed = parseGreetWait(value);
  return parsed.ok ? null : parsed.message;
};
const boolean = (value: string) => (/^(yes|no)$/i.test(value) ? null : t('postconf.notBoolean', { value }));
const protocols = (value: string) => {
  const parsed = parseTlsProtocols(value);
  return parsed.ok ? null : parsed.messageText;
};
const grade = (value: string) => (CIPHER_GRADES.includes(value.toLowerCase() as (typeof CIPHER_GRADES)[number]) ? null : t('postconf.notGrade', { value, grades: [...CIPHER_GRADES] }));
const exclude = (value: string) => {
  const parsed = parseExcludeList(value);
  return parsed.ok ? null : parsed.messageText;
};
// Files are checked together (key with certificate) in effective-settings.ts.
const files = () => null;
const policyMaps = (value: string) =>
  value === '' || MTA_STS_MAP_FORM.test(value)
    ? null
    : t('postconf.policyMaps', { map: MTA_STS_POLICY_MAP });

const SMTP_LEVEL_NOTES: Record<string, Text> = {
  fingerprint: t('postconf.fingerprint'),
};

export const PARAMETERS: readonly ParameterDef[] = [
  { name: 'non_smtpd_milters', side: 'sender', postfixDefault: '', check: checkSigningMilters },
  { name: 'postscreen_greet_wait', side: 'receiver', postfixDefault: '${stress?{2}:{6}}s', check: timeValue },
  { name: 'smtp_dns_support_level', side: 'sender', postfixDefault: '', check: oneOf(['enabled', 'dnssec', 'disabled']) },
  { name: 'smtp_tls_ciphers', side: 'sender', postfixDefault: 'medium', check: grade },
  { name: 'smtp_tls_exclude_ciphers', side: 'sender', postfixDefault: '', check: exclude },
  { name: 'smtp_tls_mandatory_ciphers', side: 'sender', postfixDefault: 'medium', check: grade },
  { name: 'smtp_tls_mandatory_protocols', side: 'sender', postfixDefault: '>=TLSv1', check: protocols },
  { name: 'smtp_tls_policy_maps', side: 'sender', postfixDefault: '', check: policyMaps },
  { name: 'smtp_tls_protocols', side: 'sender', postfixDefault: '>=TLSv1', check: protocols },
  { name: 'smtp_tls_security_level', side: 'sender', postfixDefault: '', check: oneOf(SMTP_LEVELS, SMTP_LEVEL_NOTES) },
  { name: 'smtpd_milters', side: 'receiver', postfixDefault: '', check: checkMilters },
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
 * (what the mail checker asks for), with the TLS details in the Received header, and no greeting
 * pause (postscreen_greet_wait = 0s: no postscreen in front of the receiver; see greet-wait.ts).
 */
export const LAB_MAIN_CF: Readonly<Record<string, string>> = {
  postscreen_greet_wait: '0s',
  // OpenDKIM on the sender signs the mail it submits (mail from sender.example); the receiver runs no milters until a lab adds them.
  non_smtpd_milters: 'inet:localhost:8891',
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
