// The attack matrix as data: each column a sender configuration (main.cf lines where Postfix has
// the words), each row an attack with what it needs (a legacy receiver, a sender whose TLS stack
// falls back, a first contact behind it). A cell is a scenario built from its row and column and
// run like any scenarios/*.yaml file; nothing here says what a cell's result is.
import { catalogues, renderText, text, type EngineKey, type Locale, type Text } from '../../common/i18n/text.ts';
import type { AttackAction } from '../../common/trace-details.ts';
import type { MatrixAttack, MatrixDefense } from '../../common/matrix.ts';
import { MTA_STS_POLICY_MAP } from '../postconf/parameters.ts';
import { scenarioSchema, type Scenario } from '../scenario/scenario-schema.ts';

type Localized = { en: string; ja: string };
type SenderPart = Partial<Scenario['sender']>;

export interface DefenseSpec {
  id: MatrixDefense;
  label: Localized;
  /** main.cf of the sender (smtp_*). */
  mainCf: string[];
  sender?: SenderPart;
  policyHost?: Scenario['policyHost'];
  /** The guided lab that teaches this defence; absent: the attack's lab. */
  lab?: string;
  /** The lab about what this defence cannot stop, for the attacks named here. */
  limits?: { lab: string; attacks: readonly MatrixAttack[] };
}

export interface AttackSpec {
  id: MatrixAttack;
  label: Localized;
  attack: NonNullable<Scenario['attack']>;
  /** Only listens: ciphertext is all it needs to fail. */
  passive: boolean;
  /** The attack rows that show it found what it acts on (a STARTTLS to strip, a handshake to kill...). */
  acts: readonly AttackAction[];
  /** What it acts on, for the "-" reason. */
  actsOn: Localized;
  /** main.cf of the receiver (smtpd_*) the attack needs. */
  mainCf?: string[];
  sender?: SenderPart;
  lab: string;
  /** Second runs with one thing changed, kept beside the cell. */
  variants?: { id: string; attack?: NonNullable<Scenario['attack']>; sender?: SenderPart }[];
}

const MAY = 'smtp_tls_security_level = may';
const MTA_STS_MAP = `smtp_tls_policy_maps = ${MTA_STS_POLICY_MAP}`;
const TESTING_POLICY = 'version: STSv1\r\nmode: testing\r\nmx: mx.example.jp\r\nmax_age: 86400\r\n';

export const DEFENSES: readonly DefenseSpec[] = [
  { id: 'none', label: { en: 'No TLS', ja: '対策なし' }, mainCf: ['smtp_tls_security_level = none'] },
  { id: 'starttls', label: { en: 'STARTTLS', ja: 'STARTTLS' }, mainCf: [MAY], lab: '03-starttls' },
  { id: 'mta-sts', label: { en: 'MTA-STS (enforce)', ja: 'MTA-STS（enforce）' }, mainCf: [MAY, MTA_STS_MAP], lab: '06-mta-sts', limits: { lab: '07-mta-sts-limits', attacks: ['fake-certificate', 'spoofed-receiver'] } },
  { id: 'dnssec', label: { en: 'DNSSEC', ja: 'DNSSEC' }, mainCf: [MAY, 'smtp_dns_support_level = dnssec'], lab: '08-dnssec' },
  { id: 'dane', label: { en: 'DANE', ja: 'DANE' }, mainCf: ['smtp_tls_security_level = dane', 'smtp_dns_support_level = dnssec'], lab: '09-dane' },
  {
    id: 'mta-sts-testing',
    label: { en: 'MTA-STS (testing)', ja: 'MTA-STS（testing）' },
    mainCf: [MAY, MTA_STS_MAP],
    policyHost: { domain: 'example.jp', policy: TESTING_POLICY },
    lab: '06-mta-sts',
  },
  // RFC 8689 §4.2.1 trusts an MX name from a DNSSEC-secure lookup or an MTA-STS policy: DNSSEC here.
  { id: 'requiretls', label: { en: 'REQUIRETLS', ja: 'REQUIRETLS' }, mainCf: [MAY, 'smtp_dns_support_level = dnssec'], sender: { requireTls: true }, lab: '10-requiretls' },
];

export const ATTACKS: readonly AttackSpec[] = [
  {
    id: 'eavesdrop',
    label: { en: 'Eavesdropping on the path', ja: '経路上での盗聴' },
    attack: { name: 'eavesdrop' },
    passive: true,
    acts: ['observe', 'learn'],
    actsOn: { en: 'traffic on the path', ja: '経路上の通信' },
    lab: '02-eavesdropping',
  },
  {
    id: 'strip-starttls',
    label: { en: 'STARTTLS stripping', ja: 'STARTTLS の除去' },
    attack: { name: 'strip-starttls' },
    passive: false,
    acts: ['rewrite'],
    actsOn: { en: 'a STARTTLS offer to strip', ja: '除去する STARTTLS の提示' },
    lab: '04-starttls-stripping',
  },
  {
    id: 'tls-downgrade',
    label: { en: 'TLS version downgrade', ja: 'TLS バージョンのダウングレード' },
    // The legacy receiver still accepts TLS 1.0 and 1.1; the sender's TLS stack retries lower without SCSV.
    attack: { name: 'tls-downgrade', params: { max: 'TLSv1', mode: 'reset' } },
    mainCf: ['smtpd_tls_protocols = >=TLSv1'],
    sender: { versionFallback: true, fallbackScsv: false },
    passive: false,
    acts: ['kill', 'rewrite'],
    actsOn: { en: 'a TLS handshake to cut', ja: '切断する TLS ハンドシェイク' },
    lab: '05-tls-downgrade',
  },
  {
    id: 'fake-certificate',
    label: { en: 'Fake (misissued) certificate', ja: '偽の（誤発行された）証明書' },
    attack: { name: 'fake-certificate', params: { certificate: 'misissued' } },
    passive: false,
    acts: ['intercept-tls', 'detect'],
    actsOn: { en: 'a TLS handshake to answer with its certificate', ja: '自分の証明書で応答する TLS ハンドシェイク' },
    lab: '09-dane',
    variants: [{ id: 'self-signed', attack: { name: 'fake-certificate', params: { certificate: 'self-signed' } } }],
  },
  {
    id: 'spoofed-receiver',
    label: { en: 'Spoofed receiving server (DNS)', ja: '受信サーバーのなりすまし（DNS）' },
    // Forged MX and _mta-sts TXT, and the attacker's own MTA; the sender has mailed example.jp before.
    attack: { name: 'dns-spoof', params: { mx: 'impostor', 'mta-sts': 'remove' } },
    sender: { deliveredBefore: true },
    passive: false,
    acts: ['forge'],
    actsOn: { en: 'a DNS answer to forge', ja: '偽造する DNS 応答' },
    lab: '08-dnssec',
    variants: [{ id: 'first-contact', sender: { deliveredBefore: false } }],
  },
];

export const defenseSpec = (id: string): DefenseSpec | undefined => DEFENSES.find((d) => d.id === id);
export const attackSpec = (id: string): AttackSpec | undefined => ATTACKS.find((a) => a.id === id);

/** A second run as a reader names it ("second run: a self-signed certificate"); an unknown one by its id. */
export function variantText(id: string): Text | string {
  const key = `matrixVariant.${id}`;
  return Object.hasOwn(catalogues.en, key) ? text(key as EngineKey) : id;
}

/** A cell named by the labels of its attack and defence (and its second run), e.g. "TLS version downgrade × DANE". */
export function cellText(attack: string, defense: string, variant?: string): Text {
  return variant ? text('matrixText.cellVariant', { attack, defense, variant: variantText(variant) }) : text('matrixText.cell', { attack, defense });
}

const cellTitle = (attack: AttackSpec, defense: DefenseSpec, variant: string | undefined, locale: Locale) => renderText(locale, cellText(attack.label[locale], defense.label[locale], variant));

/** The scenario of one cell (or of one of its variants), checked by the scenario schema. */
export function cellScenario(attack: AttackSpec, defense: DefenseSpec, variantId?: string): Scenario {
  const variant = variantId ? attack.variants?.find((v) => v.id === variantId) : undefined;
  if (variantId && !variant) throw new Error(`${attack.id} has no variant "${variantId}"`);
  return scenarioSchema.parse({
    title: { en: cellTitle(attack, defense, variantId, 'en'), ja: cellTitle(attack, defense, variantId, 'ja') },
    'main.cf': [...defense.mainCf, ...(attack.mainCf ?? [])],
    ...(defense.policyHost ? { policyHost: defense.policyHost } : {}),
    sender: { ...defense.sender, ...attack.sender, ...variant?.sender },
    attack: variant?.attack ?? attack.attack,
    expect: {},
  });
}

/** The lab that teaches a cell: the defence's, or the attack's when the defence has none. */
export const cellLab = (attack: AttackSpec, defense: DefenseSpec): string =>
  (defense.limits?.attacks.includes(attack.id) ? defense.limits.lab : undefined) ?? defense.lab ?? attack.lab;
