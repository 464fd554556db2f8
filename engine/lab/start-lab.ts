// Brings the lab up: PKI, trace, the receiving MTA for example.jp, the lab DNS, the sending side
// (sender, policy host, TLS-RPT collector), the attacker, and the links between them.

import { performance } from 'node:perf_hooks';
import type { LabHost, LabHostTable } from '../../common/lab.ts';
import { createAttacker, type Attacker } from '../attack/attacker.ts';
import { ATTACKER_MX } from '../attack/lab-names.ts';
import { dnsService } from '../dns/lab/dns-service.ts';
import { startLabDns, type LabDns } from '../dns/lab/lab-dns.ts';
import { tlsa311 } from '../dns/lab/pki-tlsa.ts';
import type { SignedZoneCache } from '../dns/zone/signed-zone-cache.ts';
import { startDnsLink } from '../network/dns-link.ts';
import { LabNetwork, type LabLink } from '../network/lab-network.ts';
import { LabRoutes } from '../network/lab-routes.ts';
import type { PolicyHost } from '../nodes/policy-host/policy-host.ts';
import { defaultReceiverConfig, type ReceiverConfig } from '../nodes/receiver/receiver-config.ts';
import { startReceiver, type Receiver } from '../nodes/receiver/receiver.ts';
import { loadDkimKey } from '../nodes/sender/dkim/dkim-key.ts';
import { MAIL_SELECTORS, MailDkimKeys } from '../nodes/sender/dkim/mail-dkim-keys.ts';
import { signOutgoing } from '../nodes/sender/dkim/dkim-sign.ts';
import { SENDER_NODE } from '../nodes/sender/mta/policy-trace.ts';
import type { SendingMta } from '../nodes/sender/mta/sending-mta.ts';
import { QueueStore } from '../nodes/sender/mta/queue-store.ts';
import type { TlsRptCollector } from '../nodes/tlsrpt-collector/collector.ts';
import { loadLabPki, type LabPki } from '../pki/lab-pki.ts';
import { FlowIdAllocator } from '../trace/flow-ids.ts';
import { TraceStore } from '../trace/trace-store.ts';
import { labCapture, type CaptureService } from '../export/lab-capture.ts';
import { CHECKER_NODE, LAB_ADDRESSES, MX_HOST, NS_HOST, TERMINAL_NODE } from '../network/lab-hosts.ts';
import { startLabChecker } from './lab-checker.ts';
import type { LabRuntime, StartLabOptions } from './lab-runtime.ts';
import { POLICY_HOST, REPORT_COLLECTOR, startLabSender } from './lab-sender.ts';
import { sendOutcome, type AttackerReads } from './send-outcome.ts';
import type { OutboundMessage } from '../../common/sender.ts';
import { policyHostService } from './policy-host-service.ts';
import { loadLabCertStore } from '../postconf/lab-cert-store.ts';
import { createPostconfService, type LabPostconf } from '../postconf/postconf-service.ts';
import { receiverTlsConfig } from '../postconf/receiver-tls.ts';
import { receiverAuthConfig } from '../postconf/receiver-auth.ts';
import { mailauthResolver } from '../nodes/receiver/auth/mailauth-resolver.ts';
import { startLabDmarc, type LabDmarc } from './lab-dmarc.ts';

export interface StartedLab extends LabRuntime {
  trace: TraceStore;
  pki: LabPki;
  network: LabNetwork;
  receiver: Receiver;
  dns: LabDns;
  /** PEM of the lab root CA, the trust anchor of every lab TLS client. */
  caCertPem: string;
  /** Path of that PEM file (<dataDir>/pki/ca.pem). */
  caPath: string;
  routes: LabRoutes;
  sender: SendingMta;
  policy: PolicyHost;
  collector: TlsRptCollector;
  /** The links an smtp attack sits on: sender → mx, terminal → mx and checker → mx. */
  smtpLinks(): LabLink[];
  attacker: Attacker;
  postconf: LabPostconf;
  capture: CaptureService;
  /** The keys that DKIM-sign the sender's mail (selectors mail1, mail2) and which one signs. */
  mailDkim: MailDkimKeys;
  /** mx.example.jp's DMARC aggregate reports (RFC 7489 §7.2). */
  dmarc: LabDmarc['service'];
}

export interface StartLabConfig extends StartLabOptions {
  /** Overrides of the receiver's configuration (TLS versions, users, size limit...). */
  receiver?: Partial<ReceiverConfig>;
  /** The PKI of the same dataDir, already loaded: labs started many times in one process (the matrix) share it. */
  pki?: LabPki;
  /** Zone signings shared by labs started together (the matrix): a zone equal to one already signed is not signed again. */
  signedZones?: SignedZoneCache;
}

export async function startLab(options: StartLabConfig): Promise<StartedLab> {
  const startedAt = performance.now();
  const trace = new TraceStore({ startedAt });
  const capture = labCapture(trace);
  const flows = new FlowIdAllocator();
  const pki = options.pki ?? (await loadLabPki(options.dataDir));
  const network = new LabNetwork(trace, flows);
  const receiverConfig = defaultReceiverConfig({ hostname: MX_HOST, ...options.receiver });
  // Stopped in reverse order: the attacker and the sender first, then the relays, so the receiver
  // sees its connections end instead of waiting them out.
  const teardown: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of teardown.splice(0).reverse()) await stop().catch(() => {});
  };
  try {
    // The certificate files main.cf can name are read now, so a change applies at once.
    const [receiverCertificate, certStore] = await Promise.all([pki.leaf(receiverConfig.hostname), loadLabCertStore(pki, receiverConfig.hostname)]);
    // example.jp's key: mx.example.jp signs the mail its users submit on port 587.
    const submissionDkim = loadDkimKey(options.dataDir, MAIL_SELECTORS.current, receiverConfig.domains[0] ?? 'example.jp');
    let dmarc: LabDmarc | null = null;
    const receiver = await startReceiver(receiverConfig, {
      trace,
      flows,
      flowOfRemotePort: (port) => network.flowOfUpstreamPort(port),
      defaultCertificate: receiverCertificate,
      keylog: capture.keylog,
      signSubmission: (raw) => signOutgoing(raw, submissionDkim),
      // The lab DNS starts after the receiver; the checks ask for it only when a message arrives.
      authResolver: () => mailauthResolver(dns.resolver(receiverConfig.hostname, { validate: true })),
      onChecked: (checked) => dmarc?.record(checked),
    });
    teardown.push(() => receiver.close());
    const dkim = loadDkimKey(options.dataDir);
    // The key that signs the mail the sender submits; the next key waits for a rollover, unpublished.
    const mailDkim = new MailDkimKeys(options.dataDir);
    // `_25._tcp.mx` TLSA is made from the certificate the receiver shows.
    const dns = await startLabDns({ dataDir: options.dataDir, dkim: [dkim, mailDkim.keys.current, submissionDkim].map((k) => ({ name: `${k.selector}._domainkey.${k.domain}`, txt: k.txt })), emit: (event) => trace.emit(event), pkiTlsa: tlsa311(receiverCertificate.certPem), flowId: () => flows.next(), ...(options.signedZones ? { signedZones: options.signedZones } : {}) });
    teardown.push(() => dns.close());
    // The terminal's way to ns.example.jp:53 is a link, as its way to mx.example.jp is: dig and
    // delv on the port the host table shows meet the forgers on the terminal's path.
    const terminalDns = await startDnsLink(
      { from: TERMINAL_NODE, to: NS_HOST, port: 53, targetPort: dns.port, forgers: () => dns.forgers.forClient(TERMINAL_NODE) },
      { emit: (event) => trace.emit(event), flowId: () => flows.next() },
    );
    teardown.push(() => terminalDns.close());
    teardown.push(() => network.close());
    const relayPorts: Record<string, number> = {};
    const terminalLinks: LabLink[] = [];
    for (const labPort of [25, 587]) {
      const link = await network.addLink({ from: TERMINAL_NODE, to: receiverConfig.hostname, port: labPort, targetPort: receiver.ports[labPort] });
      relayPorts[String(labPort)] = link.listenPort;
      terminalLinks.push(link);
    }
    const routes = new LabRoutes();
    dmarc = await startLabDmarc({ network, routes, dns, trace, flows, caCertPem: pki.caCertPem, receiverPort: receiver.ports[25], sign: (raw) => signOutgoing(raw, submissionDkim) });
    // The attacker comes up after the sender, whose verdicts ask it what it read.
    let attackerReads: AttackerReads = () => false;
    const judge = (message: OutboundMessage) => sendOutcome(message, receiver.mailbox.list(), (flows, messageId) => attackerReads(flows, messageId), receiver.mailbox.rejected());
    // The sender reads its main.cf at every delivery round; the receiver is configured on each change.
    let postconf: LabPostconf | null = null;
    const queue = options.queue === 'disk' ? QueueStore.open(options.dataDir) : null;
    const sending = await startLabSender({ smtpTls: () => postconf!.settings().sender, dkim, trace, flows, network, routes, dns, pki, receiverPort: receiver.ports[25], mxHost: receiverConfig.hostname, terminalNode: TERMINAL_NODE, judge, keylog: capture.keylog, mailDkim: () => mailDkim.inUse(), ...(queue ? { queue: queue.store } : {}) });
    teardown.push(() => sending.close());
    postconf = createPostconfService({
      apply: (settings) => {
        receiver.setTls(receiverTlsConfig(settings.receiver, certStore));
        receiver.setAuth(receiverAuthConfig(settings.receiver, options.receiver?.trustedArcSealers));
        receiver.setGreetWait(settings.receiver.greetWaitMs);
      },
      trace,
      nextFlow: () => flows.next(),
      nodes: { receiver: receiverConfig.hostname, sender: SENDER_NODE },
      applyAtStart: options.receiver?.tls === undefined,
    });
    const checker = await startLabChecker({ network, routes, dns, trace, flows, caCertPem: pki.caCertPem, mxHost: receiverConfig.hostname, receiverPort: receiver.ports[25], policyHost: POLICY_HOST, policyHostPort: sending.policyHost.port });
    const smtpLinks = () => [sending.senderToMx, ...terminalLinks, checker.smtpLink];
    const attacker = createAttacker({ network, routes, dns, pki, trace, flows, dataDir: options.dataDir, smtpLinks, receiver });
    attackerReads = (flows, messageId) => attacker.hasRead(flows, messageId);
    teardown.push(() => attacker.close());
    const hostList: LabHost[] = [
      { name: TERMINAL_NODE, address: LAB_ADDRESSES[TERMINAL_NODE], role: 'terminal', ports: {} },
      { name: receiverConfig.hostname, address: LAB_ADDRESSES[MX_HOST], role: 'receiver', ports: relayPorts, accounts: Object.entries(receiverConfig.users).map(([user, password]) => ({ user, password, port: 587 })) },
      { name: NS_HOST, address: LAB_ADDRESSES[NS_HOST], role: 'dns', ports: { '53': terminalDns.listenPort } },
      { name: SENDER_NODE, address: LAB_ADDRESSES[SENDER_NODE], role: 'sender', ports: {} },
      { name: POLICY_HOST, address: LAB_ADDRESSES[POLICY_HOST], role: 'policy-host', ports: sending.policyHostPorts },
      { name: REPORT_COLLECTOR, address: LAB_ADDRESSES[REPORT_COLLECTOR], role: 'report-collector', ports: sending.collectorPorts },
      { name: CHECKER_NODE, address: LAB_ADDRESSES[CHECKER_NODE], role: 'checker', ports: {} },
      { name: ATTACKER_MX, address: LAB_ADDRESSES[ATTACKER_MX], role: 'attacker', ports: {} },
    ];
    // What a previous lab left queued goes out once every node is up.
    if (queue) sending.sender.resume(queue.load);
    let closed: Promise<void> | null = null;
    return {
      dataDir: options.dataDir,
      trace,
      mailbox: receiver.mailbox,
      pki,
      network,
      receiver,
      dns,
      dnsService: dnsService(dns, TERMINAL_NODE),
      caCertPem: pki.caCertPem,
      caPath: pki.caPath,
      routes,
      sender: sending.sender,
      policy: sending.policyHost,
      collector: sending.collector,
      policyHost: policyHostService(sending.policyHost.store),
      smtpLinks,
      checker: checker.service,
      attacker,
      postconf,
      capture,
      mailDkim,
      dmarc: dmarc.service,
      // The impostor's port appears once the attacker has started it.
      hosts: () => hostList.map((h) => ({ ...h, ports: h.name === ATTACKER_MX ? attacker.impostorPorts() : { ...h.ports } })),
      close() {
        closed ??= stopAll();
        return closed;
      },
    };
  } catch (err) {
    await stopAll();
    await network.close();
    throw err;
  }
}

/** The JSON host table of common/lab.ts (`serve --json`, `hosts --json`). */
export function hostTable(hosts: LabHost[]): LabHostTable {
  const table: LabHostTable = {};
  for (const host of hosts) table[host.name] = { address: host.address, role: host.role, ports: { ...host.ports }, ...(host.accounts ? { accounts: host.accounts.map((a) => ({ ...a })) } : {}) };
  return table;
}
