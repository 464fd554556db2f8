// The sending side of the lab: the MTA-STS policy host for example.jp and the sending MTA
// mail.sender.example, with the links and routes that let the sender reach the MX and the
// policy host by the addresses its DNS lookups return.
import { english, said, text, type Text } from '../../common/i18n/text.ts';
import type { OutboundMessage, SendOutcome } from '../../common/sender.ts';
import { LAB_ADDRESSES as ZONE_ADDRESSES } from '../dns/zone/lab-zones.ts';
import type { LabDns } from '../dns/lab/lab-dns.ts';
import { tlsDecoder } from '../network/flow-decoder.ts';
import type { LabLink, LabNetwork } from '../network/lab-network.ts';
import type { LabRoute, LabRoutes } from '../network/lab-routes.ts';
import { fetchMtaStsPolicy, type MtaStsFetchResult } from '../nodes/sender/mta-sts-fetch.ts';
import { SendingMta } from '../nodes/sender/mta/sending-mta.ts';
import type { QueueStore } from '../nodes/sender/mta/queue-store.ts';
import { withFallbackScsv } from '../nodes/sender/scsv-socket.ts';
import type { DkimKey } from '../nodes/sender/dkim/dkim-key.ts';
import { signMessage, signOutgoing } from '../nodes/sender/dkim/dkim-sign.ts';
import { SENDER_NODE } from '../nodes/sender/mta/policy-trace.ts';
import type { Resolver } from '../nodes/sender/mta/deliver-round.ts';
import { firstAddress } from '../nodes/sender/mta/lookup-values.ts';
import { startPolicyHost, type PolicyHost } from '../nodes/policy-host/policy-host.ts';
import { startTlsRptCollector, type TlsRptCollector } from '../nodes/tlsrpt-collector/collector.ts';
import { postTlsRpt } from '../nodes/tlsrpt-collector/post-report.ts';
import type { LabPki } from '../pki/lab-pki.ts';
import type { SmtpTlsSettings } from '../postconf/effective-settings.ts';
import type { FlowIdAllocator } from '../trace/flow-ids.ts';
import type { TraceStore } from '../trace/trace-store.ts';
import { RFC5321_TIMEOUTS_MS, type WaitingFor } from '../protocol/smtp-client/reply-codes.ts';

export const POLICY_HOST = 'mta-sts.example.jp';
export const REPORT_COLLECTOR = 'tlsrpt.example.jp';

export const DEFAULT_POLICY = ['version: STSv1', 'mode: enforce', 'mx: mx.example.jp', 'max_age: 86400', ''].join('\r\n');

/** A lab session should not hang for the RFC's five-minute timeouts when a peer goes silent. */
const LAB_TIMEOUT_MS = 20_000;
const LAB_TIMEOUTS = Object.fromEntries(Object.keys(RFC5321_TIMEOUTS_MS).map((waitingFor) => [waitingFor, LAB_TIMEOUT_MS])) as Record<WaitingFor, number>;
const POLICY_FETCH_TIMEOUT_MS = 10_000;

export interface LabSender {
  sender: SendingMta;
  policyHost: PolicyHost;
  /** The https: rua of example.jp (RFC 8460 §3). */
  collector: TlsRptCollector;
  collectorPorts: Record<string, number>;
  /** sender → mx.example.jp:25: the link an smtp attack sits on. */
  senderToMx: LabLink;
  /** Loopback ports per lab port for the hosts table. */
  policyHostPorts: Record<string, number>;
  close(): Promise<void>;
}

export interface LabSenderDeps {
  trace: TraceStore;
  flows: FlowIdAllocator;
  network: LabNetwork;
  routes: LabRoutes;
  dns: LabDns;
  pki: LabPki;
  receiverPort: number;
  mxHost: string;
  terminalNode: string;
  /** Signs the reports the sender mails (RFC 8460 §5.3). */
  dkim: DkimKey;
  /** The key that signs the mail the sender submits (non_smtpd_milters); absent: the report key. */
  mailDkim?(): DkimKey;
  /** The verdict on a message after each round. */
  judge(message: OutboundMessage): SendOutcome;
  /** Where the sender keeps its queue; absent: memory only. */
  queue?: QueueStore;
  /** The sender's main.cf TLS settings (engine/postconf). */
  smtpTls?(): SmtpTlsSettings;
  /** Receives the TLS secrets of the HTTPS hosts' connections (NSS key log lines). */
  keylog?: (line: Buffer) => void;
}

export async function startLabSender(deps: LabSenderDeps): Promise<LabSender> {
  const { network, routes, pki, trace, flows } = deps;
  const policyHost = await startPolicyHost({
    defaultHostname: POLICY_HOST,
    certificateFor: (name) => pki.leaf(name),
    emit: (event) => trace.emit(event),
    nextFlow: () => flows.next(),
    flowOfRemotePort: (port) => network.flowOfUpstreamPort(port),
    ...(deps.keylog ? { keylog: deps.keylog } : {}),
  });
  policyHost.store.set('example.jp', DEFAULT_POLICY);
  const collector = await startTlsRptCollector({
    defaultHostname: REPORT_COLLECTOR,
    certificateFor: (name) => pki.leaf(name),
    emit: (event) => trace.emit(event),
    nextFlow: () => flows.next(),
    flowOfRemotePort: (port) => network.flowOfUpstreamPort(port),
    ...(deps.keylog ? { keylog: deps.keylog } : {}),
  });
  const senderToCollector = await network.addLink({ from: SENDER_NODE, to: REPORT_COLLECTOR, port: 443, targetPort: collector.port, decoder: tlsDecoder });
  routes.set(SENDER_NODE, ZONE_ADDRESSES[REPORT_COLLECTOR], 443, { listenPort: senderToCollector.listenPort, host: REPORT_COLLECTOR });
  const terminalToCollector = await network.addLink({ from: deps.terminalNode, to: REPORT_COLLECTOR, port: 443, targetPort: collector.port, decoder: tlsDecoder });

  const senderToMx = await network.addLink({ from: SENDER_NODE, to: deps.mxHost, port: 25, targetPort: deps.receiverPort });
  routes.set(SENDER_NODE, ZONE_ADDRESSES['mx.example.jp'], 25, { listenPort: senderToMx.listenPort, host: deps.mxHost });
  const senderToPolicy = await network.addLink({ from: SENDER_NODE, to: POLICY_HOST, port: 443, targetPort: policyHost.port, decoder: tlsDecoder });
  routes.set(SENDER_NODE, ZONE_ADDRESSES[POLICY_HOST], 443, { listenPort: senderToPolicy.listenPort, host: POLICY_HOST });
  const terminalToPolicy = await network.addLink({ from: deps.terminalNode, to: POLICY_HOST, port: 443, targetPort: policyHost.port, decoder: tlsDecoder });

  const resolver = (validate: boolean): Resolver => deps.dns.resolver(SENDER_NODE, { validate });
  /** Where an HTTPS host the sender looks up answers: its A record through the sender's resolver, then the lab route. */
  const httpsRoute = async (host: string, via: Resolver): Promise<{ route: LabRoute } | { why: Text }> => {
    const lookup = await via.lookup(host, 'A');
    const address = firstAddress(lookup);
    const route = address ? routes.lookup(SENDER_NODE, address, 443) : undefined;
    if (route) return { route };
    return { why: address ? text('route.nothingAnswers', { address }) : text('route.noAddress', { host, why: lookup.status === 'bogus' ? text('route.bogus') : lookup.rcode }) };
  };
  const fetchPolicy = async (domain: string, via: Resolver): Promise<MtaStsFetchResult> => {
    const policyHostName = `mta-sts.${domain}`;
    const found = await httpsRoute(policyHostName, via);
    if (!('route' in found)) {
      const reason = text('stsGet.failed', { url: `https://${policyHostName}/.well-known/mta-sts.txt`, error: found.why });
      return { ok: false, tlsrptResult: 'sts-policy-fetch-error', rule: 'RFC 8461 §3.3', ...said(reason), policyHost: policyHostName };
    }
    const route = found.route;
    return fetchMtaStsPolicy({ policyDomain: domain, port: route.listenPort, trustedCaPems: [pki.caCertPem], timeoutMs: POLICY_FETCH_TIMEOUT_MS });
  };

  const sender = new SendingMta({
    trace,
    nextFlow: () => flows.next(),
    resolver,
    route: (address, port) => routes.lookup(SENDER_NODE, address, port),
    flowOfClientPort: (port) => network.flowOfClientPort(port),
    trustedCaPems: () => [pki.caCertPem],
    fetchPolicy,
    now: () => Date.now(),
    timeoutsMs: LAB_TIMEOUTS,
    fallbackScsvSocket: withFallbackScsv,
    ...(deps.keylog ? { keylog: deps.keylog } : {}),
    signReport: (bytes) => signMessage(bytes, deps.dkim),
    signOutgoing: async (bytes) => (deps.smtpTls?.().dkimSigning ? signOutgoing(bytes, deps.mailDkim?.() ?? deps.dkim) : bytes),
    judge: deps.judge,
    ...(deps.queue ? { queue: deps.queue } : {}),
    ...(deps.smtpTls ? { smtpTls: deps.smtpTls } : {}),
    postReport: async (url, gzipped) => {
      const found = await httpsRoute(new URL(url).hostname, resolver(false));
      if (!('route' in found)) return { ok: false, detail: english(found.why), detailText: found.why };
      const posted = await postTlsRpt({ url, port: found.route.listenPort, trustedCaPems: [pki.caCertPem], gzipBody: gzipped });
      return { ok: posted.ok, detail: posted.detail, ...(posted.detailText ? { detailText: posted.detailText } : {}) };
    },
  });

  return {
    sender,
    policyHost,
    collector,
    collectorPorts: { '443': terminalToCollector.listenPort },
    senderToMx,
    policyHostPorts: { '443': terminalToPolicy.listenPort },
    async close() {
      sender.close();
      await policyHost.close();
      await collector.close();
    },
  };
}
