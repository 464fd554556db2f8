// Japanese sentences of the engine, area by area; each area has exactly the keys of its English counterpart.
import type { EngineKey } from './en.ts';
import { attack } from './ja/attack.ts';
import { checker } from './ja/checker.ts';
import { content } from './ja/content.ts';
import { dmarcreport } from './ja/dmarcreport.ts';
import { cli } from './ja/cli.ts';
import { clihelp } from './ja/clihelp.ts';
import { cliout } from './ja/cliout.ts';
import { cliargs } from './ja/cliargs.ts';
import { clishow } from './ja/clishow.ts';
import { httpapi } from './ja/httpapi.ts';
import { matrix } from './ja/matrix.ts';
import { config } from './ja/config.ts';
import { delivery } from './ja/delivery.ts';
import { dns } from './ja/dns.ts';
import { policy } from './ja/policy.ts';
import { queue } from './ja/queue.ts';
import { senderauth } from './ja/senderauth.ts';
import { session } from './ja/session.ts';
import { stsparse } from './ja/stsparse.ts';
import { tracenote } from './ja/tracenote.ts';
import { tracerow } from './ja/tracerow.ts';
import { wire } from './ja/wire.ts';
import { zone } from './ja/zone.ts';

export const ja: Record<EngineKey, string> = {
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
