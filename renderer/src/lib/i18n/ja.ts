// Japanese UI text, area by area; each area has exactly the keys of its English counterpart.
import type { Messages } from './en.ts';
import { app } from './ja/app.ts';
import { attack } from './ja/attack.ts';
import { decisions } from './ja/decisions.ts';
import { dns } from './ja/dns.ts';
import { events } from './ja/events.ts';
import { mailbox } from './ja/mailbox.ts';
import { senderauth } from './ja/senderauth.ts';
import { sender } from './ja/sender.ts';
import { dmarc } from './ja/dmarc.ts';
import { trace } from './ja/trace.ts';
import { postconf } from './ja/postconf.ts';
import { checker } from './ja/checker.ts';
import { matrix } from './ja/matrix.ts';
import { compare } from './ja/compare.ts';
import { course } from './ja/course.ts';
import { instructor } from './ja/instructor.ts';

export const ja: Messages = {
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
