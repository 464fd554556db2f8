// English UI text. This dictionary defines the keys; every other locale must have exactly these.
import { app } from './en/app.ts';
import { attack } from './en/attack.ts';
import { decisions } from './en/decisions.ts';
import { dns } from './en/dns.ts';
import { events } from './en/events.ts';
import { mailbox } from './en/mailbox.ts';
import { senderauth } from './en/senderauth.ts';
import { sender } from './en/sender.ts';
import { dmarc } from './en/dmarc.ts';
import { trace } from './en/trace.ts';
import { postconf } from './en/postconf.ts';
import { checker } from './en/checker.ts';
import { matrix } from './en/matrix.ts';
import { compare } from './en/compare.ts';
import { course } from './en/course.ts';
import { instructor } from './en/instructor.ts';

export const en = {
  ...app,
  ...trace,
  ...events,
  ...decisions,
  ...mailbox,
  ...senderauth,
  ...dns,
  ...sender,
  ...dmarc,
  ...attack,
  ...postconf,
  ...checker,
  ...matrix,
  ...compare,
  ...course,
  ...instructor,
};

export type MessageKey = keyof typeof en;
/** A complete dictionary: one string for every key, no more. */
export type Messages = Record<MessageKey, string>;
