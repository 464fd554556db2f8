// The attacker's MTA as a hop between mail.sender.example and mx.example.jp: the sender's
// connection to 192.0.2.25:25 is led to it (as the impostor's is), it takes the message, changes
// it as the attack says, and sends it on from its own address 203.0.113.66 over its own link, so
// mx.example.jp sees a client that is not the sender's (SPF) and bytes the sender did not sign
// (DKIM). It answers the sender only after mx.example.jp answered it: the lab's verdict on the
// message then already knows where it went.
import { SMTPServer } from 'smtp-server';
import { text } from '../../../common/i18n/text.ts';
import { LAB_ADDRESSES } from '../../network/lab-hosts.ts';
import type { AttackRun, Installation } from '../attack-module.ts';
import { ATTACKER_MX, linkName, MX_HOST, SENDER_NODE } from '../lab-names.ts';
import { fieldValue, splitMessage } from './rewrites.ts';

export interface HopMessage {
  mailFrom: string;
  rcptTo: string[];
  bytes: Buffer;
}

/** What the attack does to each message before sending it on; `said` goes into the trace. */
export type HopChange = (message: HopMessage, from: { address: string; helo: string }) => Promise<HopMessage & { said: ReturnType<typeof text> }>;

function listen(server: SMTPServer): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port));
  });
}

export async function installHop(run: AttackRun, change: HopChange): Promise<Installation> {
  const { ctx } = run;
  const certificate = await ctx.pki.leaf(ATTACKER_MX);
  // The onward leg: mail.attacker.example → mx.example.jp:25, a lab link the trace shows.
  const mxLink = ctx.network.links().find((l) => l.spec.from === SENDER_NODE && l.spec.to === MX_HOST && l.spec.port === 25);
  if (!mxLink) throw new Error('no link from the sender to mx.example.jp');
  const onward = await ctx.network.addLink({ from: ATTACKER_MX, to: MX_HOST, port: 25, targetPort: mxLink.spec.targetPort });
  const traceLink = { from: ATTACKER_MX, to: MX_HOST, port: 25 };

  const forward = async (message: HopMessage): Promise<string> => {
    // nodemailer (some hundred modules) is loaded with the first message a hop forwards, not at start.
    const { default: nodemailer } = await import('nodemailer');
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: onward.listenPort, name: ATTACKER_MX, secure: false, tls: { rejectUnauthorized: false }, connectionTimeout: 10_000 });
    try {
      const info = await transport.sendMail({ envelope: { from: message.mailFrom, to: message.rcptTo }, raw: message.bytes });
      return info.response;
    } catch (err) {
      return (err as { response?: string }).response ?? (err as Error).message;
    } finally {
      transport.close();
    }
  };

  const server = new SMTPServer({
    name: ATTACKER_MX,
    banner: 'ESMTP',
    key: certificate.keyPem,
    cert: certificate.certPem,
    authOptional: true,
    disabledCommands: ['AUTH'],
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const received: HopMessage = { mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', rcptTo: session.envelope.rcptTo.map((r) => r.address), bytes: Buffer.concat(chunks) };
        void (async () => {
          const head = splitMessage(received.bytes).head;
          const messageId = fieldValue(head, 'Message-ID');
          const flow = ctx.network.flowOfUpstreamPort(session.remotePort)?.flow;
          if (flow) run.knowledge.noteRead(flow, messageId ?? undefined);
          const envelope = run.knowledge.addEnvelope(received.mailFrom);
          for (const rcpt of received.rcptTo) run.knowledge.addRecipient(envelope, rcpt);
          run.knowledge.addMessage({ subject: fieldValue(head, 'Subject') ?? '', headers: [], body: splitMessage(received.bytes).body, flow: flow ?? '', messageId });
          const changed = await change(received, { address: LAB_ADDRESSES[SENDER_NODE], helo: session.hostNameAppearsAs || '' });
          run.rows.general({ action: 'rewrite', said: changed.said, fields: { mailFrom: changed.mailFrom, rcptTo: changed.rcptTo }, before: received.bytes, after: changed.bytes }, traceLink);
          const reply = await forward(changed);
          run.rows.general({ action: 'route', said: text('attack.hopSent', { host: ATTACKER_MX, address: LAB_ADDRESSES[ATTACKER_MX], reply }), fields: { reply } }, traceLink);
          callback(null, 'OK: taken for delivery');
        })().catch((err: Error) => callback(Object.assign(new Error(`4.3.0 ${err.message}`), { responseCode: 451 })));
      });
    },
  });
  const port = await listen(server);
  const inbound = await ctx.network.addLink({ from: SENDER_NODE, to: ATTACKER_MX, port: 25, targetPort: port });
  const unroute = ctx.routes.set(SENDER_NODE, LAB_ADDRESSES[MX_HOST], 25, { listenPort: inbound.listenPort, host: ATTACKER_MX });
  run.rows.general({ action: 'route', said: text('attack.hopRoute', { host: ATTACKER_MX, mx: MX_HOST }), fields: { host: ATTACKER_MX } }, { from: SENDER_NODE, to: ATTACKER_MX, port: 25 });
  return {
    links: [linkName(inbound.spec), linkName(onward.spec)],
    async stop() {
      unroute();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
