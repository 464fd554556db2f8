// labs/NN-name/lab.yaml (docs/labs.md): the scenario a lab starts from, its steps with the check
// that ticks each, hints, a quiz, and the solution `smtp-lab lab solve` replays. Checks are a small
// typed vocabulary of declarative predicates over the lab's event streams (engine/course/checks.ts),
// never code per lab.
import { z } from 'zod';
import { ATTACK_NAMES } from '../../common/attack.ts';
import { english, text } from '../../common/i18n/text.ts';
import { DNS_ZONE_MODES } from '../../common/dns.ts';
import { SENDER_POLICIES } from '../../common/sender.ts';
import { patternedString } from '../scenario/patterned-string.ts';
import { localized } from '../scenario/scenario-schema.ts';

const TRACE_LAYERS = ['tcp', 'smtp', 'tls', 'dns', 'https', 'policy', 'attack', 'mailbox', 'note'] as const;
const ATTACK_ACTIONS = ['on', 'off', 'observe', 'rewrite', 'refuse', 'inject', 'kill', 'detect', 'intercept-tls', 'learn', 'forge', 'route', 'receive'] as const;
const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
/** RFC 8601 §2.7 result words (common/auth.ts AuthResultWord). */
const AUTH_WORDS = ['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror', 'policy'] as const;

/** A trace event (common/trace.ts) with these fields. */
export const traceCheck = z.strictObject({
  layer: z.enum(TRACE_LAYERS).optional(),
  dir: z.enum(['c2s', 's2c', 'none']).optional(),
  /** link.from: "terminal", "mail.sender.example", ... */
  from: z.string().optional(),
  /** link.to */
  to: z.string().optional(),
  port: z.number().int().optional(),
  /** An SMTP command's verb (detail.verb), case-insensitive. */
  verb: z.string().optional(),
  /** An SMTP reply's code (detail.code). */
  code: z.number().int().optional(),
  /** The command an SMTP reply answers (detail.inReplyTo); null: the greeting, which answers none. */
  inReplyTo: z.string().nullable().optional(),
  visibility: z.enum(['plaintext', 'encrypted']).optional(),
  /** Seen inside TLS (detail.insideTls). */
  insideTls: z.boolean().optional(),
  /** Text the summary contains, case-insensitive. */
  summary: z.string().optional(),
  /** The start of the event's RFC rule, e.g. "RFC 8461". */
  rule: z.string().optional(),
  /** Fields of detail; nested objects match partially, an array matches when it holds every listed element. */
  detail: z.record(z.string(), z.unknown()).optional(),
});

/** A message that arrived in mx.example.jp's mailbox (common/lab.ts MailboxMessage). */
export const mailboxCheck = z.strictObject({
  /** Who connected: the learner's terminal or the sending MTA (from the trace flow of the connection). */
  client: z.enum(['terminal', 'sender']).optional(),
  /** The envelope sender, case-insensitive. */
  from: z.string().optional(),
  /** One of the envelope recipients, case-insensitive. */
  to: z.string().optional(),
  subject: z.string().optional(),
  body: z.string().optional(),
  /** Arrived over TLS (true) or in plaintext (false). */
  tls: z.boolean().optional(),
  tlsVersion: z.enum(TLS_VERSIONS).optional(),
  port: z.number().int().optional(),
  requireTls: z.boolean().optional(),
  /** The From: header names another address than MAIL FROM (a spoofed header sender). */
  headerFromDiffers: z.boolean().optional(),
  /** Text the Received field mx.example.jp prepended contains, e.g. "with ESMTPSA" (RFC 3848 keywords). */
  received: z.string().optional(),
  /** The folder the receiver filed it in (junk: DMARC p=quarantine). */
  folder: z.enum(['inbox', 'junk']).optional(),
  /** What the receiver's sender-authentication checks wrote (its Authentication-Results). */
  auth: z
    .strictObject({
      spf: z.enum(AUTH_WORDS).optional(),
      /** DKIM's word for the message: the best signature's, none when unsigned. */
      dkim: z.enum(AUTH_WORDS).optional(),
      dmarc: z.enum(AUTH_WORDS).optional(),
      arc: z.enum(AUTH_WORDS).optional(),
      /** Text the Authentication-Results field contains, case-insensitive, e.g. "header.s=mail2" or "body hash did not verify". */
      header: z.string().optional(),
    })
    .optional(),
});

const outcomeCheck = z.strictObject({
  delivered: z.boolean().optional(),
  attackerRead: z.boolean().optional(),
  stoppedBy: z.string().nullable().optional(),
  tls: z.strictObject({ version: z.enum(TLS_VERSIONS).optional(), authenticated: z.enum(['pkix', 'dane']).nullable().optional() }).nullable().optional(),
  downgrade: z.strictObject({ stoppedBy: z.string().nullable().optional(), then: z.enum(['tls', 'plaintext', 'gave-up']).optional() }).nullable().optional(),
});

/** A message of the sending MTA after a round of delivery (common/sender.ts OutboundMessage with its outcome). */
export const outboxCheck = z.strictObject({
  policy: z.enum(SENDER_POLICIES).optional(),
  state: z.enum(['delivered', 'deferred', 'bounced']).optional(),
  outcome: outcomeCheck.optional(),
});

/** An attacker row of the trace (layer attack). */
export const attackCheck = z.strictObject({
  name: z.enum(ATTACK_NAMES).optional(),
  action: z.enum(ATTACK_ACTIONS).optional(),
  /** The link's client side: "terminal" or "mail.sender.example". */
  from: z.string().optional(),
});

/** DNS events of the trace: a resolver's verdict, a zone edit, a zone mode change. */
export const dnsCheck = z.strictObject({
  answer: z.strictObject({ name: z.string().optional(), type: z.string().optional(), status: z.enum(['secure', 'insecure', 'bogus', 'unchecked']).optional(), client: z.string().optional() }).optional(),
  edit: z.strictObject({ op: z.enum(['add', 'replace', 'delete']).optional(), name: z.string().optional(), type: z.string().optional(), value: z.string().optional() }).optional(),
  mode: z.strictObject({ zone: z.string().optional(), mode: z.enum(DNS_ZONE_MODES).optional() }).optional(),
});

/** State: a record is (or is not) in a lab zone now. */
export const zoneCheck = z.strictObject({
  name: z.string(),
  type: z.string(),
  /** Text the record's value contains, case-insensitive. */
  value: z.string().optional(),
  present: z.boolean().default(true),
});

/** State: the receiver's key and whether the published TLSA records match each key. */
export const receiverCheck = z.strictObject({
  key: z.enum(['current', 'next']).optional(),
  tlsaMatches: z.strictObject({ current: z.boolean().optional(), next: z.boolean().optional() }).optional(),
});

/** State: which of sender.example's DKIM keys signs, and whether each key's record is published now. */
export const dkimCheck = z.strictObject({
  signing: z.enum(['current', 'next']).optional(),
  published: z.strictObject({ current: z.boolean().optional(), next: z.boolean().optional() }).optional(),
});

/** State: the attack switched on now ("off": none), with these of its parameters. */
export const attackerCheck = z.strictObject({
  name: z.enum([...ATTACK_NAMES, 'off']).optional(),
  params: z.record(z.string(), z.string()).optional(),
});

export interface Check {
  trace?: z.infer<typeof traceCheck>;
  mailbox?: z.infer<typeof mailboxCheck>;
  outbox?: z.infer<typeof outboxCheck>;
  attack?: z.infer<typeof attackCheck>;
  dns?: z.infer<typeof dnsCheck>;
  zone?: z.infer<typeof zoneCheck>;
  receiver?: z.infer<typeof receiverCheck>;
  dkim?: z.infer<typeof dkimCheck>;
  attacker?: z.infer<typeof attackerCheck>;
  all?: Check[];
  any?: Check[];
}

export const CHECK_KINDS = ['trace', 'mailbox', 'outbox', 'attack', 'dns', 'zone', 'receiver', 'dkim', 'attacker', 'all', 'any'] as const;

/** The problem of a check with no kind or several, as a Text so that yaml-parse.ts words it in every language. */
const ONE_CHECK_KIND = text('content.oneCheckKind', { kinds: CHECK_KINDS.join(', ') });

export const checkSchema: z.ZodType<Check> = z
  .strictObject({
    trace: traceCheck.optional(),
    mailbox: mailboxCheck.optional(),
    outbox: outboxCheck.optional(),
    attack: attackCheck.optional(),
    dns: dnsCheck.optional(),
    zone: zoneCheck.optional(),
    receiver: receiverCheck.optional(),
    dkim: dkimCheck.optional(),
    attacker: attackerCheck.optional(),
    get all() {
      return z.array(checkSchema).min(1).optional();
    },
    get any() {
      return z.array(checkSchema).min(1).optional();
    },
  })
  .refine((c) => Object.keys(c).length === 1, { message: english(ONE_CHECK_KIND), params: { messageText: ONE_CHECK_KIND } }) as z.ZodType<Check>;

const stepSchema = z.strictObject({
  id: patternedString(/^[a-z0-9][a-z0-9-]*$/, text('content.stepId')),
  title: localized,
  check: checkSchema,
  hints: z.array(localized).default([]),
});

const quizSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  question: localized,
  choices: z.array(z.strictObject({ id: z.string().min(1), text: localized })).min(2),
  answer: z.string().min(1),
  explanation: localized,
});

/** One thing the solution does, as a learner would: keystrokes, a command, an edit in the UI. */
export const solutionActionSchema = z.union([
  z.strictObject({
    /** A line typed into the lab terminal's shell (Enter is added). `{{port HOST PORT}}` is the loopback port `lab hosts` shows. */
    type: z.string(),
    /** A regular expression the terminal output must show before going on; default: the shell prompt; false: do not wait. */
    wait: z.union([z.string(), z.literal(false)]).optional(),
  }),
  z.strictObject({
    /** A command line run in the lab terminal's environment (sh -c), e.g. `lab dns add ...`. */
    run: z.string(),
    /** The exit status it must end with (default 0). */
    exit: z.number().int().default(0),
  }),
  z.strictObject({
    /** A message of common/protocol.ts, sent through a renderer session as the UI sends it. */
    edit: z.looseObject({ type: z.string() }),
  }),
  z.strictObject({
    /** Wait until this step is done. */
    waitStep: z.string(),
  }),
]);

export const labSchema = z.strictObject({
  number: z.number().int().min(1),
  title: localized,
  summary: localized,
  /** The scenario the lab starts from: scenarios/<name>.yaml. */
  scenario: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  steps: z.array(stepSchema).min(1),
  quiz: z.array(quizSchema).default([]),
  solution: z.array(solutionActionSchema).min(1),
});

export type LabDefinition = z.infer<typeof labSchema>;
export type LabStep = z.infer<typeof stepSchema>;
export type SolutionAction = z.infer<typeof solutionActionSchema>;
