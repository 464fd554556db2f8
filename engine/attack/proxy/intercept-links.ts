// Puts an attack on the SMTP links: every new connection on them is taken over by the
// attacker's relay with a fresh per-connection handler. Connections already open keep going
// as they were (an interceptor applies to new connections).

import type { LinkInterceptor, TakenOverConnection } from '../../network/link-interceptor.ts';
import type { AttackRun, Installation } from '../attack-module.ts';
import { linkName } from '../lab-names.ts';
import { runProxy, type ConnectionHandler } from './proxy-connection.ts';

export function interceptSmtpLinks(run: AttackRun, handlerFor: (conn: TakenOverConnection) => ConnectionHandler): Installation {
  const links = run.ctx.smtpLinks();
  const interceptor: LinkInterceptor = {
    takeOver(conn) {
      runProxy(conn, handlerFor(conn));
      return true;
    },
  };
  for (const link of links) link.setInterceptor(interceptor);
  return {
    links: links.map((link) => linkName(link.spec)),
    stop() {
      for (const link of links) link.setInterceptor(null);
    },
  };
}
