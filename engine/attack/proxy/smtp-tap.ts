// The part every SMTP attack shares on a connection: its own reading of the dialogue
// (SmtpWatch), what that teaches it (the knowledge) and a row when STARTTLS shuts it out.

import { text } from '../../../common/i18n/text.ts';
import type { ConnectionContext } from '../../network/link-interceptor.ts';
import type { AttackRun } from '../attack-module.ts';
import { ConnectionLearner } from '../knowledge/learner.ts';
import { SmtpWatch } from './smtp-watch.ts';

export interface TapOptions {
  /** Instead of the default row saying the attacker now sees only ciphertext. */
  onTls?: () => void;
  /** The bytes are the plaintext of a TLS session the attacker ended itself. */
  insideTls?: boolean;
}

export function smtpTap(run: AttackRun, conn: ConnectionContext, options: TapOptions = {}): SmtpWatch {
  const learner = new ConnectionLearner(run.knowledge, conn.flow, (input) => run.rows.on(conn, input));
  const tlsStarted =
    options.onTls ??
    (() =>
      run.rows.on(conn, {
        action: 'observe',
        said: text('attack.tlsStarted'),
        fields: { what: 'tls-started' },
        rule: 'RFC 3207 §4',
      }));
  return new SmtpWatch(
    {
      rows: (rows) => learner.rows(rows),
      bytes: (plaintext, encrypted) => run.knowledge.addBytes(plaintext, encrypted),
      tlsStarted,
    },
    { insideTls: options.insideTls === true },
  );
}
