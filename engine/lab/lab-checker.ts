// The mail checker as a lab node, checker.example: its own links to mx.example.jp:25 and
// mta-sts.example.jp:443 (an attacker on its path meets its probes, and the trace shows them as
// its own), its own routes and its own validating resolver. It trusts the lab root CA, as every
// lab client does: in the lab that CA is the public PKI.
import type { CheckerReport } from '../../common/checker.ts';
import { english, text } from '../../common/i18n/text.ts';
import type { CheckerNoteDetail } from '../../common/trace-details.ts';
import { gatherFacts } from '../checker/probe/gather-facts.ts';
import { checkerReport } from '../checker/report.ts';
import type { LabDns } from '../dns/lab/lab-dns.ts';
import { LAB_ADDRESSES as ZONE_ADDRESSES } from '../dns/zone/lab-zones.ts';
import { tlsDecoder } from '../network/flow-decoder.ts';
import type { LabLink, LabNetwork } from '../network/lab-network.ts';
import type { LabRoutes } from '../network/lab-routes.ts';
import { fetchMtaStsPolicy } from '../nodes/sender/mta-sts-fetch.ts';
import type { FlowIdAllocator } from '../trace/flow-ids.ts';
import type { TraceEmitter } from '../trace/trace-store.ts';
import { CHECKER_NODE } from '../network/lab-hosts.ts';
import { checkerService } from './checker-service.ts';
import type { CheckerService } from './lab-runtime.ts';

/** Per SMTP or HTTPS exchange: a silent peer must not stall a run for the RFC's minutes. */
const PROBE_TIMEOUT_MS = 10_000;

export interface LabCheckerDeps {
  network: LabNetwork;
  routes: LabRoutes;
  dns: LabDns;
  trace: TraceEmitter;
  flows: FlowIdAllocator;
  caCertPem: string;
  mxHost: string;
  receiverPort: number;
  policyHost: string;
  policyHostPort: number;
}

export interface LabChecker {
  service: CheckerService;
  /** checker.example → mx.example.jp:25: one of the SMTP links an attack sits on. */
  smtpLink: LabLink;
}

export async function startLabChecker(deps: LabCheckerDeps): Promise<LabChecker> {
  const { network, routes } = deps;
  const smtpLink = await network.addLink({ from: CHECKER_NODE, to: deps.mxHost, port: 25, targetPort: deps.receiverPort });
  routes.set(CHECKER_NODE, ZONE_ADDRESSES['mx.example.jp'], 25, { listenPort: smtpLink.listenPort, host: deps.mxHost });
  const policyLink = await network.addLink({ from: CHECKER_NODE, to: deps.policyHost, port: 443, targetPort: deps.policyHostPort, decoder: tlsDecoder });
  routes.set(CHECKER_NODE, ZONE_ADDRESSES['mta-sts.example.jp'], 443, { listenPort: policyLink.listenPort, host: deps.policyHost });

  const note = (detail: CheckerNoteDetail) =>
    deps.trace.emit({ flow: deps.flows.next(), link: { from: CHECKER_NODE, to: CHECKER_NODE }, layer: 'note', dir: 'none', summary: english(detail.summaryText), detail, visibility: 'plaintext' });

  const check = async (domain: string): Promise<CheckerReport> => {
    const resolver = deps.dns.resolver(CHECKER_NODE, { validate: true });
    // A fresh test, as a remote tester's: nothing cached from an earlier run or before an attack.
    resolver.flush();
    const startedAt = Date.now();
    note({ kind: 'checker', phase: 'start', domain, summaryText: text('traceNote.checkerStart', { node: CHECKER_NODE, domain }) });
    const facts = await gatherFacts(domain, {
      lookup: (name, type) => resolver.lookup(name, type),
      route: (address, port) => routes.lookup(CHECKER_NODE, address, port)?.listenPort,
      trustedCaPems: [deps.caCertPem],
      clientName: CHECKER_NODE,
      timeoutMs: PROBE_TIMEOUT_MS,
      now: () => Date.now(),
      fetchPolicy: (policyDomain, port) => fetchMtaStsPolicy({ policyDomain, port, trustedCaPems: [deps.caCertPem], timeoutMs: PROBE_TIMEOUT_MS }),
    });
    const report = checkerReport(facts, { startedAt, durationMs: Date.now() - startedAt });
    const failed = report.items.filter((i) => !i.pass).map((i) => i.id);
    const passed = report.items.filter((i) => i.pass).map((i) => i.id);
    const scored = { node: CHECKER_NODE, domain, score: report.score, failed: failed.join(', ') };
    note({ kind: 'checker', phase: 'end', domain, score: report.score, failed, passed, summaryText: text(failed.length ? 'traceNote.checkerEnd' : 'traceNote.checkerEndAll', scored) });
    return report;
  };

  return { service: checkerService(check), smtpLink };
}
