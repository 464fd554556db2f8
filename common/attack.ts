// The on-path attacker as the UI, the CLI and tests see it: the attacks it knows, which one is
// on which link, and what it has learnt.

export type AttackName = 'eavesdrop' | 'strip-starttls' | 'starttls-injection' | 'tls-downgrade' | 'fake-certificate' | 'dns-spoof' | 'impostor' | 'spoof-from' | 'forward' | 'mailing-list' | 'header-edit';

export const ATTACK_NAMES: readonly AttackName[] = ['eavesdrop', 'strip-starttls', 'starttls-injection', 'tls-downgrade', 'fake-certificate', 'dns-spoof', 'impostor', 'spoof-from', 'forward', 'mailing-list', 'header-edit'];

/** Which links an attack sits on. */
export type AttackTarget = 'smtp' | 'dns';

export interface LocalizedText {
  en: string;
  ja: string;
}

export interface AttackParamInfo {
  name: string;
  description: LocalizedText;
  /** The values it takes; the first is the default. */
  values: string[];
}

export interface AttackInfo {
  name: AttackName;
  title: LocalizedText;
  description: LocalizedText;
  target: AttackTarget;
  params: AttackParamInfo[];
  /** The defence that stops it, e.g. "MTA-STS (RFC 8461), DANE (RFC 7672)". */
  stoppedBy: LocalizedText;
}

/** What the attacker obtained, in the eavesdropper's terms. */
export interface AttackerKnowledge {
  /** Envelopes seen in plaintext. */
  envelopes: { mailFrom: string; rcptTo: string[] }[];
  /** Messages read in plaintext (relayed or received as an impostor). */
  messages: { subject: string; headers: [string, string][]; body: string; flow: string; messageId: string | null }[];
  /** AUTH PLAIN / LOGIN credentials decoded from base64. */
  credentials: { mechanism: string; user: string; password: string }[];
  /** Plaintext SMTP bytes read on the attacked links. */
  plaintextBytes: number;
  /** TLS bytes the attacker could not read. */
  encryptedBytes: number;
}

export interface AttackStatus {
  /** null when the attacker is off. */
  active: { name: AttackName; params: Record<string, string>; links: string[] } | null;
  knowledge: AttackerKnowledge;
}
