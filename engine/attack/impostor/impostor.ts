// The attacker's own receiving MTA (なりすまし受信): mail.attacker.example at 203.0.113.66, an
// ordinary SMTP server that accepts mail for example.jp. Whoever is led there (a forged MX, an
// address typed by hand) hands it the message itself. It offers STARTTLS with a certificate
// for its own name, which the lab CA really issued: the attacker does own attacker.example.

import type { LabLink, LabNetwork } from '../../network/lab-network.ts';
import type { LabRoutes } from '../../network/lab-routes.ts';
import type { LabPki } from '../../pki/lab-pki.ts';
import type { FlowIdAllocator } from '../../trace/flow-ids.ts';
import type { TraceStore } from '../../trace/trace-store.ts';
import { defaultReceiverConfig } from '../../nodes/receiver/receiver-config.ts';
import { startReceiver, type Receiver } from '../../nodes/receiver/receiver.ts';
import { ATTACKER_ADDRESS, ATTACKER_MX, SENDER_NODE, TERMINAL_NODE, VICTIM_DOMAIN } from '../lab-names.ts';

export interface Impostor {
  host: string;
  address: string;
  receiver: Receiver;
  /** mail.sender.example → mail.attacker.example:25. */
  link: LabLink;
  /** terminal → mail.attacker.example:25: the learner can talk to the impostor by hand too. */
  terminalLink: LabLink;
  /** Makes the sender's connections to 203.0.113.66:25 reach it; returns the removal. */
  route(): () => void;
  close(): Promise<void>;
}

/** The parts of the attacker's context the impostor runs on. */
export interface ImpostorContext {
  network: LabNetwork;
  routes: LabRoutes;
  pki: LabPki;
  trace: TraceStore;
  flows: FlowIdAllocator;
}

export async function startImpostor(ctx: ImpostorContext): Promise<Impostor> {
  const config = defaultReceiverConfig({ hostname: ATTACKER_MX, domains: [VICTIM_DOMAIN] });
  const receiver = await startReceiver(config, {
    trace: ctx.trace,
    flows: ctx.flows,
    flowOfRemotePort: (port) => ctx.network.flowOfUpstreamPort(port),
    defaultCertificate: await ctx.pki.leaf(ATTACKER_MX),
  });
  try {
    const link = await ctx.network.addLink({ from: SENDER_NODE, to: ATTACKER_MX, port: 25, targetPort: receiver.ports[25] });
    const terminalLink = await ctx.network.addLink({ from: TERMINAL_NODE, to: ATTACKER_MX, port: 25, targetPort: receiver.ports[25] });
    return {
      host: ATTACKER_MX,
      address: ATTACKER_ADDRESS,
      receiver,
      link,
      terminalLink,
      route: () => ctx.routes.set(SENDER_NODE, ATTACKER_ADDRESS, 25, { listenPort: link.listenPort, host: ATTACKER_MX }),
      close: () => receiver.close(),
    };
  } catch (err) {
    await receiver.close();
    throw err;
  }
}
