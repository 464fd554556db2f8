// DMARC aggregate reporting at mx.example.jp (RFC 7489 §7.2): the receiver's evaluations are
// counted here, and reports go out through mx.example.jp's own report sender, which looks up the
// rua mailbox's MX and speaks SMTP to it over its own lab link, DKIM-signed with example.jp's key
// as the mail example.jp's users submit is. No other MTA relays them: the lab's sending MTA
// belongs to sender.example.
import { createRequire } from 'node:module';
import { english, type Text } from '../../common/i18n/text.ts';
import type { DmarcReportInfo, DmarcState } from '../../common/dmarc.ts';
import type { LabDns } from '../dns/lab/lab-dns.ts';
import { LAB_ADDRESSES as ZONE_ADDRESSES } from '../dns/zone/lab-zones.ts';
import { MX_HOST } from '../network/lab-hosts.ts';
import type { LabNetwork } from '../network/lab-network.ts';
import type { LabRoutes } from '../network/lab-routes.ts';
import { DmarcReports } from '../nodes/receiver/dmarc-reports/dmarc-reports.ts';
import { deliverReport } from '../nodes/receiver/dmarc-reports/report-delivery.ts';
import { DmarcAggregator } from '../policy/dmarc/aggregator.ts';
import { evaluationOf, type ReceivedMessage } from '../policy/dmarc/evaluation.ts';
import { txtRecords } from '../nodes/sender/mta/lookup-values.ts';
import type { FlowIdAllocator } from '../trace/flow-ids.ts';
import type { TraceEmitter } from '../trace/trace-store.ts';

// mailauth is loaded when a report is built, not when the lab starts.
const mailauthTools = (): typeof import('mailauth/lib/tools.js') => createRequire(import.meta.url)('mailauth/lib/tools.js');

const REPORT_TIMEOUT_MS = 20_000;

/** What the lab's front ends use: `dmarc show`, `dmarc send`, the DMARC tab, a lab reset. */
export interface DmarcService {
  state(): DmarcState;
  /** Builds and sends a report per policy domain from what was counted since the last one. */
  flush(): Promise<DmarcReportInfo[]>;
  reset(): void;
  subscribe(listener: (state: DmarcState) => void): () => void;
}

export interface LabDmarc {
  service: DmarcService;
  /** The receiver calls this with every message it checked. */
  record(message: ReceivedMessage): void;
}

export interface LabDmarcDeps {
  network: LabNetwork;
  routes: LabRoutes;
  dns: LabDns;
  trace: TraceEmitter;
  flows: FlowIdAllocator;
  caCertPem: string;
  receiverPort: number;
  /** example.jp's DKIM signer (OpenDKIM on mx.example.jp). */
  sign(message: Buffer): Promise<Buffer>;
}

export async function startLabDmarc(deps: LabDmarcDeps): Promise<LabDmarc> {
  // The report sender's own way to port 25 of a lab MX: today mx.example.jp itself.
  const link = await deps.network.addLink({ from: MX_HOST, to: MX_HOST, port: 25, targetPort: deps.receiverPort });
  deps.routes.set(MX_HOST, ZONE_ADDRESSES['mx.example.jp'], 25, { listenPort: link.listenPort, host: MX_HOST });
  const resolver = () => deps.dns.resolver(MX_HOST, { validate: true });
  const listeners = new Set<(state: DmarcState) => void>();
  const aggregator = new DmarcAggregator();
  const reports = new DmarcReports({
    aggregator,
    now: () => Date.now(),
    async txt(name) {
      const lookup = await resolver().lookup(name, 'TXT');
      if (lookup.rcode !== 'NOERROR' && lookup.rcode !== 'NXDOMAIN') return { ok: false, why: lookup.reason, ...(lookup.reasonText ? { whyText: lookup.reasonText } : {}) };
      return { ok: true, records: txtRecords(lookup).map((strings) => strings.join('')) };
    },
    // Relaxed alignment is the same Organizational Domain (RFC 7489 §3.1), which §7.1 compares.
    sameOrganization: (a, b) => Boolean(mailauthTools().getAlignment(a, [b], false)),
    async send(from, to, message) {
      const signed = await deps.sign(message).catch(() => message);
      return deliverReport(
        { clientName: MX_HOST, lookup: (name, type) => resolver().lookup(name, type), route: (address, port) => deps.routes.lookup(MX_HOST, address, port)?.listenPort, trustedCaPems: [deps.caCertPem], timeoutMs: REPORT_TIMEOUT_MS },
        from,
        to,
        signed,
      );
    },
    note(rule, what: Text, verdict) {
      deps.trace.emit({
        flow: deps.flows.next(),
        link: { from: MX_HOST, to: MX_HOST },
        layer: 'policy',
        dir: 'none',
        summary: `${rule}: ${english(what)}`,
        rule,
        detail: { kind: 'dmarc-report', verdict, summaryText: what },
        visibility: 'plaintext',
      });
    },
  });
  const changed = () => {
    const state = reports.state();
    for (const listener of listeners) listener(state);
  };
  return {
    record(message) {
      const evaluation = evaluationOf(message);
      if (!evaluation) return;
      aggregator.record(evaluation);
      changed();
    },
    service: {
      state: () => reports.state(),
      async flush() {
        const fresh = await reports.flush();
        changed();
        return fresh;
      },
      reset() {
        reports.reset();
        changed();
      },
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  };
}
