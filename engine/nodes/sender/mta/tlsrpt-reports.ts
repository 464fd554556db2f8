// The sending MTA's TLS-RPT duty (RFC 8460): the sessions it counted, turned into one JSON report
// per policy domain and delivered to every rua of that domain's `_smtp._tls` TXT record:
// mailto: as a message with the gzipped report attached (§5.3), https: as a POST (§5.3.1).
import { text, type Text } from '../../../../common/i18n/text.ts';
import type { TlsRptReportInfo } from '../../../../common/sender.ts';
import { buildReportMail } from '../../../policy/tlsrpt/mail.ts';
import { buildReport, gzipReport, type TlsRptReport } from '../../../policy/tlsrpt/report.ts';
import { selectTlsRptRecord } from '../../../policy/tlsrpt/txt-record.ts';
import type { PolicyAggregate, TlsRptAggregator } from '../../../policy/tlsrpt/aggregator.ts';
import type { Resolver } from './deliver-round.ts';
import { txtRecords } from './lookup-values.ts';
import type { PolicyNote } from './policy-trace.ts';

export const REPORT_SUBMITTER = 'sender.example';
const REPORT_FROM = 'tlsrpt-noreply@sender.example';

/** How one delivery of a report went: the detail in English and, when the lab wrote it, as a Text. */
export interface ReportSent {
  ok: boolean;
  detail: string;
  detailText?: Text;
}

export interface ReportDeps {
  aggregator: TlsRptAggregator;
  resolver(): Resolver;
  now(): number;
  /** Queues a report message at the sending MTA; resolves with how its delivery ended. */
  mail(from: string, to: string, bytes: Buffer, subject: string): Promise<ReportSent>;
  /** POSTs the gzipped report to an https rua. */
  post(url: string, gzipped: Buffer): Promise<ReportSent>;
  note(domain: string, note: PolicyNote): void;
}

export class TlsRptReports {
  private readonly built: TlsRptReportInfo[] = [];
  private periodStart: number;
  private serial = 0;

  constructor(private readonly deps: ReportDeps) {
    this.periodStart = deps.now();
  }

  list(): TlsRptReportInfo[] {
    return [...this.built].reverse();
  }

  /** One report per policy domain counted since the last flush, each sent to its rua. */
  async flush(): Promise<TlsRptReportInfo[]> {
    const start = this.periodStart;
    const end = this.deps.now() + 1;
    this.periodStart = end;
    const fresh: TlsRptReportInfo[] = [];
    for (const domain of this.deps.aggregator.domains(start, end)) {
      const aggregates = this.deps.aggregator.aggregates(domain, start, end);
      const report = buildReport(
        {
          organizationName: 'SMTP Lab sending MTA (sender.example)',
          contactInfo: 'mailto:tlsrpt-admin@sender.example',
          reportId: `${new Date(end).toISOString().slice(0, 10)}.${++this.serial}.${domain}@${REPORT_SUBMITTER}`,
          start,
          end: end - 1,
        },
        aggregates,
      );
      const info: TlsRptReportInfo = {
        id: report['report-id'],
        policyDomain: domain,
        builtAt: new Date(end).toISOString(),
        report: report as unknown as Record<string, unknown>,
        failureReasons: failureReasons(aggregates),
        deliveries: await this.deliver(domain, report),
      };
      this.built.push(info);
      fresh.push(info);
    }
    return fresh;
  }

  private async deliver(domain: string, report: TlsRptReport): Promise<TlsRptReportInfo['deliveries']> {
    const lookup = await this.deps.resolver().lookup(`_smtp._tls.${domain}`, 'TXT');
    const record = selectTlsRptRecord(txtRecords(lookup));
    if (!record.ok) {
      this.deps.note(domain, { decision: 'tlsrpt', rule: record.rule, reasonText: text('tlsrpt.notSent', { domain, error: record.errorText ?? record.error }), verdict: 'not-sent' });
      return [{ uri: `_smtp._tls.${domain}`, ok: false, detail: record.error, ...(record.errorText ? { detailText: record.errorText } : {}) }];
    }
    const deliveries: TlsRptReportInfo['deliveries'] = [];
    for (const rua of record.rua) {
      const sent =
        rua.scheme === 'mailto'
          ? await this.deps.mail(REPORT_FROM, rua.address, Buffer.from(buildReportMail({ report, submitter: REPORT_SUBMITTER, policyDomain: domain, from: REPORT_FROM, to: rua.address, date: this.deps.now() }), 'utf8'), `Report Domain: ${domain} Submitter: ${REPORT_SUBMITTER}`)
          : await this.deps.post(rua.url, gzipReport(report));
      this.deps.note(domain, { decision: 'tlsrpt', rule: rua.scheme === 'mailto' ? 'RFC 8460 §5.3' : 'RFC 8460 §5.3.1', reasonText: text(sent.ok ? 'tlsrpt.sent' : 'tlsrpt.failed', { id: String(report['report-id']), uri: rua.uri, detail: sent.detailText ?? sent.detail }), verdict: sent.ok ? 'sent' : 'failed' });
      deliveries.push({ uri: rua.uri, ...sent });
    }
    return deliveries;
  }
}

/** The reasons of the report's failure details, policy by policy in the report's order, each with its Text. */
function failureReasons(aggregates: readonly PolicyAggregate[]): NonNullable<TlsRptReportInfo['failureReasons']> {
  return aggregates.flatMap((aggregate, policy) =>
    aggregate.details.flatMap(({ detail: d }, detail) =>
      d.failureReasonCode ? [{ policy, detail, reason: d.failureReasonCode, ...(d.failureReasonText ? { reasonText: d.failureReasonText } : {}) }] : [],
    ),
  );
}
