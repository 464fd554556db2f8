// The scenario file (scenarios/*.yaml, docs/scenarios.md): one lab set-up, the message the sender
// sends in it, and the outcome expected. The schema is the one definition of the format: the
// types below are inferred from it. zod rather than a JSON Schema validator (ajv): the format's
// TypeScript types come from the same definition, and its issues carry the path the YAML
// positions are looked up by.
import { z } from 'zod';
import { ATTACK_NAMES } from '../../common/attack.ts';
import { AUTH_FOLDERS, AUTH_RESULT_WORDS } from '../../common/auth.ts';
import { DNS_EDIT_OPS, DNS_ZONE_MODES } from '../../common/dns.ts';
import { POLICY_HOST_LESSONS, SENDER_POLICIES } from '../../common/sender.ts';
import { text } from '../../common/i18n/text.ts';
import { patternedString } from './patterned-string.ts';

const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;

export const localized = z.strictObject({ ja: z.string().min(1), en: z.string().min(1) });

const receiverSchema = z.strictObject({
  /** The key mx.example.jp presents: its current one, or the next of a key rollover (RFC 7671 §8.1). */
  key: z.enum(['current', 'next']).optional(),
  /** What happens to commands pipelined after STARTTLS (RFC 3207 §6: discard). */
  starttlsPlaintext: z.enum(['discard', 'execute']).optional(),
  /** ARC sealers (d= of the newest ARC-Seal) the receiver's local policy trusts to vouch for DMARC (RFC 8617 §7.2); `lab arc trust`. */
  trustedArcSealers: z.array(patternedString(/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.?$/, text('content.domainName', { example: 'lists.example' }))).max(32).optional(),
});

const dnsRecordSchema = z.strictObject({
  op: z.enum(DNS_EDIT_OPS),
  name: z.string().min(1),
  type: patternedString(/^[A-Za-z][A-Za-z0-9]{0,15}$/, text('content.recordType')),
  value: z.string().optional(),
  ttl: z.number().int().min(0).max(2 ** 31 - 1).optional(),
});

const dnsSchema = z.strictObject({
  modes: z.record(z.string(), z.enum(DNS_ZONE_MODES)).optional(),
  records: z.array(dnsRecordSchema).optional(),
});

const policyHostSchema = z.strictObject({
  domain: z.string().min(1).default('example.jp'),
  /** The policy file served at https://mta-sts.<domain>/.well-known/mta-sts.txt. */
  policy: z.string().optional(),
  /** A misbehaviour of the host; normal: a correct answer. */
  behaviour: z.enum(['normal', ...POLICY_HOST_LESSONS]).optional(),
});

const senderSchema = z.strictObject({
  /** A named policy; absent: the sender's main.cf (smtp_tls_security_level ...) decides. */
  policy: z.enum(SENDER_POLICIES).optional(),
  dnssec: z.boolean().optional(),
  fallbackScsv: z.boolean().optional(),
  /** The sender's TLS stack retries failed handshakes at lower TLS versions (common/sender.ts SendRequest). */
  versionFallback: z.boolean().optional(),
  requireTls: z.boolean().optional(),
  tlsRequiredNo: z.boolean().optional(),
  /**
   * The sender delivered one message to the recipient domain before the attacker came on: its
   * MTA-STS policy is cached (RFC 8461 §3.3). A real delivery at set-up, with the attacker off.
   */
  deliveredBefore: z.boolean().optional(),
});

const attackSchema = z.strictObject({
  name: z.enum(ATTACK_NAMES),
  params: z.record(z.string(), z.string()).optional(),
});

const messageSchema = z.strictObject({
  from: z.string().min(3).default('alice@sender.example'),
  to: z.union([z.string().min(3), z.array(z.string().min(3)).min(1)]).default('bob@example.jp'),
  subject: z.string().default('Board minutes'),
  body: z.string().default('The merger closes on Friday.'),
});

const tlsExpectSchema = z.strictObject({
  version: z.enum(TLS_VERSIONS).optional(),
  authenticated: z.enum(['pkix', 'dane']).nullable().optional(),
});

const authWord = z.enum(AUTH_RESULT_WORDS).nullable().optional();

/** The genuine receiver's Authentication-Results, one word per mechanism; null: not checked. */
const authExpectSchema = z.strictObject({ spf: authWord, dkim: authWord, dmarc: authWord, arc: authWord });

const expectSchema = z.strictObject({
  delivered: z.boolean().optional(),
  tls: tlsExpectSchema.nullable().optional(),
  attackerRead: z.boolean().optional(),
  stoppedBy: z.string().nullable().optional(),
  downgrade: z
    .strictObject({
      stoppedBy: z.string().nullable().optional(),
      then: z.enum(['tls', 'plaintext', 'gave-up']).optional(),
      scsv: z.boolean().optional(),
    })
    .nullable()
    .optional(),
  /** null: no check ran there (or the message never got there). */
  auth: authExpectSchema.nullable().optional(),
  /** Where the genuine receiver put it; null: it never got there. */
  folder: z.enum(AUTH_FOLDERS).nullable().optional(),
});

export const scenarioSchema = z.strictObject({
  title: localized,
  description: localized.optional(),
  receiver: receiverSchema.optional(),
  /** main.cf lines (`name = value`) of the lab's MTAs, applied as `postconf -e` would. */
  'main.cf': z.array(z.string().min(1)).optional(),
  dns: dnsSchema.optional(),
  policyHost: policyHostSchema.optional(),
  sender: senderSchema.default({ policy: 'opportunistic' }),
  /** The attacker and its parameters; absent or null: off. */
  attack: attackSchema.nullable().optional(),
  message: messageSchema.default({ from: 'alice@sender.example', to: 'bob@example.jp', subject: 'Board minutes', body: 'The merger closes on Friday.' }),
  expect: expectSchema,
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioExpect = z.infer<typeof expectSchema>;
export type ScenarioReceiver = z.infer<typeof receiverSchema>;
export type ScenarioDnsRecord = z.infer<typeof dnsRecordSchema>;
