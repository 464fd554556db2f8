// mx.example.jp's DMARC reporting duty (RFC 7489 §7.2), as opendmarc-reports does it from
// OpenDMARC's history: the evaluations counted since the last run become one aggregate report per
// policy domain that asked for reports (rua=), each checked against §7.1 when it goes to another
// organization, gzipped and mailed.
import { english, text, type Text } from '../../../../common/i18n/text.ts';
import type { DmarcDelivery, DmarcPending, DmarcReportInfo, DmarcState } from '../../../../common/dmarc.ts';
import type { DmarcAggregator } from '../../../policy/dmarc/aggregator.ts';
import { buildDmarcReportMail } from '../../../policy/dmarc/report-mail.ts';
import { feedbackXml, gzipFeedback, reportFileName } from '../../../policy/dmarc/report-xml.ts';
import { externalVerdict, externalVerificationName, parseRuaUri, type MailtoDestination } from '../../../policy/dmarc/rua.ts';

/** The Mail Receiver's domain: "receiver" in the file name, "Submitter" in the subject (§7.2.1.1). */
export const DMARC_REPORTER = 'example.jp';
export const DMARC_REPORT_FROM = 'dmarc-noreply@example.jp';
const ORG_NAME = 'example.jp (SMTP Lab, mx.example.jp)';
const KEEP_REPORTS = 50;

export type TxtAnswer = { ok: true; records: string[] } | { ok: false; why: string; whyText?: Text };

export interface DmarcReportsDeps {
  aggregator: DmarcAggregator;
  now(): number;
  /** TXT records at a name, each joined from its strings. */
  txt(name: string): Promise<TxtAnswer>;
  /** Whether two domains share an Organizational Domain (RFC 7489 §3.2). */
  sameOrganization(a: string, b: string): boolean;
  /** Signs (DKIM) and delivers a report message; resolves with how it went. */
  send(from: string, to: string, message: Buffer): Promise<DmarcDelivery>;
  /** A decision on the way, for the trace. */
  note(rule: string, what: Text, verdict: 'sent' | 'not-sent' | 'failed' | 'verified'): void;
}

export class DmarcReports {
  private built: DmarcReportInfo[] = [];
  private periodStart: number;
  private serial = 0;

  constructor(private readonly deps: DmarcReportsDeps) {
    this.periodStart = deps.now();
  }

  state(): DmarcState {
    const pending = this.deps.aggregator.domains(this.periodStart).flatMap((d) => this.deps.aggregator.aggregate(d, this.periodStart) ?? []);
    return { reporter: DMARC_REPORTER, pending, reports: [...this.built].reverse() };
  }

  reset(): void {
    this.deps.aggregator.clear();
    this.built = [];
    this.periodStart = this.deps.now();
  }

  /** One report per policy domain with rua= counted since the last flush, each sent to its rua. */
  async flush(): Promise<DmarcReportInfo[]> {
    const start = this.periodStart;
    const end = this.deps.now() + 1;
    this.periodStart = end;
    const fresh: DmarcReportInfo[] = [];
    for (const domain of this.deps.aggregator.domains(start, end)) {
      const aggregate = this.deps.aggregator.aggregate(domain, start, end);
      if (!aggregate) continue;
      if (aggregate.rua.length === 0) {
        this.deps.note('RFC 7489 §6.3', text('dmarcRpt.noRua', { domain, messages: aggregate.messages }), 'not-sent');
        continue;
      }
      fresh.push(await this.report(aggregate, start, end));
    }
    this.deps.aggregator.dropBefore(end);
    this.built.push(...fresh);
    this.built = this.built.slice(-KEEP_REPORTS);
    return fresh;
  }

  private async report(aggregate: DmarcPending, start: number, end: number): Promise<DmarcReportInfo> {
    const domain = aggregate.policyDomain;
    const begin = Math.floor(start / 1000);
    const last = Math.floor((end - 1) / 1000);
    const reportId = `${new Date(end).toISOString().slice(0, 10).replace(/-/g, '')}.${++this.serial}.${domain}`;
    const xml = feedbackXml({ orgName: ORG_NAME, email: DMARC_REPORT_FROM, reportId, begin, end: last }, aggregate);
    const gzipped = gzipFeedback(xml);
    const fileName = reportFileName({ receiver: DMARC_REPORTER, policyDomain: domain, begin, end: last, gzip: true });
    const deliveries: DmarcDelivery[] = [];
    for (const uri of aggregate.rua) {
      const parsed = parseRuaUri(uri);
      if (!parsed.ok) {
        deliveries.push(this.refused('RFC 7489 §6.2', uri, text(parsed.why === 'not-mailto' ? 'dmarcRpt.notMailto' : 'dmarcRpt.badUri', { uri })));
        continue;
      }
      for (const destination of await this.destinations(domain, parsed.destination, deliveries)) {
        const mail = Buffer.from(buildDmarcReportMail({ gzipped, fileName, reportId, aggregate, submitter: DMARC_REPORTER, from: DMARC_REPORT_FROM, to: destination.address, date: this.deps.now(), begin, end: last }), 'utf8');
        // §6.2: a report larger than the size the URI names is not sent there.
        if (destination.maxBytes !== undefined && mail.length > destination.maxBytes) {
          deliveries.push(this.refused('RFC 7489 §6.2', destination.uri, text('dmarcRpt.tooBig', { uri: destination.uri, size: mail.length, max: destination.maxBytes })));
          continue;
        }
        const sent = await this.deps.send(DMARC_REPORT_FROM, destination.address, mail);
        const detail: Text | string = sent.detailText ?? sent.detail;
        this.deps.note('RFC 7489 §7.2.1.1', text(sent.ok ? 'dmarcRpt.sent' : 'dmarcRpt.failed', { id: reportId, uri: destination.uri, detail }), sent.ok ? 'sent' : 'failed');
        deliveries.push({ ...sent, uri: destination.uri });
      }
    }
    return { id: reportId, policyDomain: domain, builtAt: new Date(end).toISOString(), fileName, begin, end: last, policy: aggregate.policy, rows: aggregate.rows, xml, deliveries };
  }

  /** §7.1: a mailbox of another organization receives the report only when it says it wants it. */
  private async destinations(domain: string, destination: MailtoDestination, deliveries: DmarcDelivery[]): Promise<MailtoDestination[]> {
    if (this.deps.sameOrganization(domain, destination.domain)) return [destination];
    const name = externalVerificationName(domain, destination.domain);
    const answer = await this.deps.txt(name);
    const verdict = externalVerdict(answer.ok ? answer.records : [], destination);
    if (!verdict.authorized) {
      const why = answer.ok ? text('dmarcRpt.noDmarc1', { count: answer.records.length }) : (answer.whyText ?? answer.why);
      deliveries.push(this.refused(verdict.rule, destination.uri, text('dmarcRpt.notAuthorized', { uri: destination.uri, name, domain, why })));
      return [];
    }
    this.deps.note(verdict.rule, text('dmarcRpt.authorized', { name, record: verdict.record, destination: destination.domain, domain }), 'verified');
    return verdict.replacement ?? [destination];
  }

  private refused(rule: string, uri: string, why: Text): DmarcDelivery {
    this.deps.note(rule, why, 'not-sent');
    return { uri, ok: false, detail: english(why), detailText: why };
  }
}
