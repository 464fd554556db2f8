// Switching the impostor on for an attack: the route to it, and what it receives going into
// the attacker's knowledge (it reads every message it accepts, TLS or not).

import { text } from '../../../common/i18n/text.ts';
import type { MailboxMessage } from '../../../common/lab.ts';
import type { AttackRun, Installation } from '../attack-module.ts';
import { linkName } from '../lab-names.ts';

export async function installImpostor(run: AttackRun): Promise<Installation> {
  const impostor = await run.impostor();
  const unroute = impostor.route();
  const link = impostor.link.spec;
  const traceLink = { from: link.from, to: link.to, port: link.port };
  run.rows.general(
    {
      action: 'route',
      said: text('attack.impostorRoute', { host: impostor.host, address: impostor.address }),
      fields: { host: impostor.host, address: impostor.address, port: 25 },
    },
    traceLink,
  );
  const unsubscribe = impostor.receiver.mailbox.subscribe((message: MailboxMessage) => {
    const envelope = run.knowledge.addEnvelope(message.envelope.mailFrom);
    for (const rcpt of message.envelope.rcptTo) run.knowledge.addRecipient(envelope, rcpt);
    const messageId = message.headers.find(([name]) => name.toLowerCase() === 'message-id')?.[1].trim() ?? null;
    run.knowledge.noteRead(message.flow, messageId ?? undefined);
    run.knowledge.addMessage({ subject: message.subject, headers: message.headers, body: message.text, flow: message.flow, messageId });
    run.knowledge.addBytes(message.size, 0);
    run.rows.onFlow(message.flow, traceLink, {
        action: 'receive',
        said: message.tls
          ? text('attack.impostorReceivedTls', { host: impostor.host, subject: message.subject, from: message.envelope.mailFrom, version: message.tls.version })
          : text('attack.impostorReceivedPlain', { host: impostor.host, subject: message.subject, from: message.envelope.mailFrom }),
        fields: { host: impostor.host, messageId: message.id, subject: message.subject, mailFrom: message.envelope.mailFrom, rcptTo: message.envelope.rcptTo, tls: message.tls },
    });
  });
  return {
    links: [linkName(link)],
    stop() {
      unsubscribe();
      unroute();
    },
  };
}
