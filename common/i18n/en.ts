// English sentences the engine writes for people. This catalogue defines the keys; every other
// locale must have exactly these (type-checked, and test/unit/i18n checks the placeholders).
import { attack } from './en/attack.ts';
import { checker } from './en/checker.ts';
import { content } from './en/content.ts';
import { dmarcreport } from './en/dmarcreport.ts';
import { cli } from './en/cli.ts';
import { clihelp } from './en/clihelp.ts';
import { cliout } from './en/cliout.ts';
import { cliargs } from './en/cliargs.ts';
import { clishow } from './en/clishow.ts';
import { httpapi } from './en/httpapi.ts';
import { matrix } from './en/matrix.ts';
import { config } from './en/config.ts';
import { delivery } from './en/delivery.ts';
import { dns } from './en/dns.ts';
import { policy } from './en/policy.ts';
import { queue } from './en/queue.ts';
import { senderauth } from './en/senderauth.ts';
import { session } from './en/session.ts';
import { stsparse } from './en/stsparse.ts';
import { tracenote } from './en/tracenote.ts';
import { tracerow } from './en/tracerow.ts';
import { wire } from './en/wire.ts';
import { zone } from './en/zone.ts';

export const en = {
  ...policy,
  ...delivery,
  ...attack,
  ...dns,
  ...cli,
  ...config,
  ...zone,
  ...senderauth,
  ...checker,
  ...content,
  ...dmarcreport,
  ...stsparse,
  ...session,
  ...tracenote,
  ...tracerow,
  ...wire,
  ...queue,
  ...clihelp,
  ...cliout,
  ...cliargs,
  ...clishow,
  ...httpapi,
  ...matrix,
};

export type EngineKey = keyof typeof en;
