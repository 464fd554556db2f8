// From main.cf (the explicit settings) to what each MTA does: every parameter's value with
// $name references expanded (postconf(5) "$name"), checked one by one and then together (a key
// with its certificate, a TLS level with a certificate, OpenSSL accepting the cipher list).
import { text as t, told, type Text } from '../../common/i18n/text.ts';
import { checkCipherString, cipherString, parseExcludeList, type CipherGrade } from './cipher-grades.ts';
import { certChoice, type CertChoice } from './cert-files.ts';
import { parseMilters, type MilterChoice } from './milters.ts';
import { PARAMETERS, parameter, type SmtpdLevel, type SmtpLevel } from './parameters.ts';
import { isLegacyRange, parseTlsProtocols, type VersionRange } from './tls-protocols.ts';
import { parseGreetWait } from './greet-wait.ts';

/** The receiver's TLS as main.cf sets it. */
export interface SmtpdTlsSettings {
  level: SmtpdLevel;
  /** The protocols and OpenSSL cipher string in force: the mandatory ones at level encrypt. */
  protocols: VersionRange;
  ciphers: string;
  authOnly: boolean;
  receivedHeader: boolean;
  certificate: CertChoice | null;
  /** smtpd_milters: the sender-authentication filters the receiver runs (milters.ts). */
  milters: MilterChoice;
  /** postscreen_greet_wait: the pause before the 220 greeting, in ms (0: none). */
  greetWaitMs: number;
}

/** The sender's TLS as main.cf sets it. */
export interface SmtpTlsSettings {
  level: SmtpLevel;
  /** Opportunistic TLS (may, dane without usable TLSA). */
  opportunistic: { protocols: VersionRange; ciphers: string };
  /** Mandatory TLS (encrypt, verify, secure, dane with usable TLSA, an MTA-STS enforce policy). */
  mandatory: { protocols: VersionRange; ciphers: string };
  /** smtp_tls_policy_maps names the MTA-STS resolver. */
  mtaSts: boolean;
  /** smtp_dns_support_level = dnssec: the sender's lookups validate DNSSEC. */
  dnssec: boolean;
  /** non_smtpd_milters names OpenDKIM: the sender DKIM-signs the mail it submits. */
  dkimSigning: boolean;
}

export interface EffectiveSettings {
  /** Every known parameter's value, expanded. */
  values: Map<string, string>;
  receiver: SmtpdTlsSettings;
  sender: SmtpTlsSettings;
}

export interface SettingError {
  param: string;
  message: string;
  messageText: Text;
}

const REFERENCE = /\$(?:\{([A-Za-z0-9_]+)\}|\(([A-Za-z0-9_]+)\)|([A-Za-z0-9_]+))/g;

/** The raw value of every parameter: main.cf's, or Postfix's default. */
export function rawValues(explicit: ReadonlyMap<string, string>): Map<string, string> {
  return new Map(PARAMETERS.map((p) => [p.name, explicit.get(p.name) ?? p.postfixDefault]));
}

function expand(raw: ReadonlyMap<string, string>, name: string, depth = 0): string | SettingError {
  const value = raw.get(name) ?? '';
  if (depth > 8) return { param: name, ...told(t('postconf.selfReference', { ref: `$${name}` })) };
  let error: SettingError | null = null;
  const out = value.replace(REFERENCE, (_m, a?: string, b?: string, c?: string) => {
    const ref = (a ?? b ?? c)!;
    if (!parameter(ref)) {
      error ??= { param: name, ...told(t('postconf.unknownRef', { ref: `$${ref}` })) };
      return '';
    }
    const expanded = expand(raw, ref, depth + 1);
    if (typeof expanded !== 'string') {
      error ??= { param: name, message: expanded.message, messageText: expanded.messageText };
      return '';
    }
    return expanded;
  });
  return error ?? out;
}

export function effectiveSettings(explicit: ReadonlyMap<string, string>): { ok: true; settings: EffectiveSettings } | { ok: false; errors: SettingError[] } {
  const raw = rawValues(explicit);
  const values = new Map<string, string>();
  const errors: SettingError[] = [];
  for (const p of PARAMETERS) {
    const expanded = expand(raw, p.name);
    if (typeof expanded !== 'string') {
      errors.push(expanded);
      continue;
    }
    const problem = p.check(expanded);
    if (problem) errors.push({ param: p.name, ...told(problem) });
    values.set(p.name, expanded);
  }
  if (errors.length > 0) return { ok: false, errors };

  const get = (name: string) => values.get(name)!;
  const milterChoice = (name: string) => (parseMilters(get(name)) as { ok: true; milters: MilterChoice }).milters;
  const range = (name: string) => (parseTlsProtocols(get(name)) as { ok: true; range: VersionRange }).range;
  const grade = (name: string) => get(name).toLowerCase() as CipherGrade;
  const excluded = (name: string) => (parseExcludeList(get(name)) as { ok: true; items: string[] }).items;
  const ciphers = (param: string, gradeParam: string, excludeParam: string, protocols: VersionRange): string => {
    const text = cipherString(grade(gradeParam), excluded(excludeParam), isLegacyRange(protocols));
    const refused = checkCipherString(text);
    if (refused) errors.push({ param, ...told(refused) });
    return text;
  };

  const smtpdLevel = (get('smtpd_tls_security_level').toLowerCase() || 'none') as SmtpdLevel;
  const mandatory = smtpdLevel === 'encrypt';
  const smtpdProtocols = range(mandatory ? 'smtpd_tls_mandatory_protocols' : 'smtpd_tls_protocols');
  const smtpdCiphers = ciphers(mandatory ? 'smtpd_tls_mandatory_ciphers' : 'smtpd_tls_ciphers', mandatory ? 'smtpd_tls_mandatory_ciphers' : 'smtpd_tls_ciphers', 'smtpd_tls_exclude_ciphers', smtpdProtocols);
  const cert = certChoice({ chainFiles: get('smtpd_tls_chain_files'), certFile: get('smtpd_tls_cert_file'), keyFile: get('smtpd_tls_key_file') });
  if (!cert.ok) errors.push({ param: cert.param, message: cert.message, messageText: cert.messageText });
  else if (!cert.choice && smtpdLevel !== 'none') {
    errors.push({ param: 'smtpd_tls_security_level', ...told(t('postconf.needsCert', { level: smtpdLevel })) });
  }

  const smtpLevel = (get('smtp_tls_security_level').toLowerCase() || 'none') as SmtpLevel;
  const opportunisticProtocols = range('smtp_tls_protocols');
  const mandatoryProtocols = range('smtp_tls_mandatory_protocols');
  const sender: SmtpTlsSettings = {
    level: smtpLevel,
    opportunistic: { protocols: opportunisticProtocols, ciphers: ciphers('smtp_tls_ciphers', 'smtp_tls_ciphers', 'smtp_tls_exclude_ciphers', opportunisticProtocols) },
    mandatory: { protocols: mandatoryProtocols, ciphers: ciphers('smtp_tls_mandatory_ciphers', 'smtp_tls_mandatory_ciphers', 'smtp_tls_exclude_ciphers', mandatoryProtocols) },
    mtaSts: get('smtp_tls_policy_maps') !== '',
    dnssec: get('smtp_dns_support_level').toLowerCase() === 'dnssec',
    dkimSigning: milterChoice('non_smtpd_milters').opendkim,
  };
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      values,
      receiver: {
        level: smtpdLevel,
        protocols: smtpdProtocols,
        ciphers: smtpdCiphers,
        authOnly: /^yes$/i.test(get('smtpd_tls_auth_only')),
        receivedHeader: /^yes$/i.test(get('smtpd_tls_received_header')),
        milters: milterChoice('smtpd_milters'),
        certificate: cert.ok ? cert.choice : null,
        greetWaitMs: (parseGreetWait(get('postscreen_greet_wait')) as { ok: true; ms: number }).ms,
      },
      sender,
    },
  };
}
