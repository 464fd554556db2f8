// What the TLS-RPT and DMARC report listings share: a report's heading and where it went.
import { text, type Text, type TextParam } from '../../../common/i18n/text.ts';

/** "report ID  (ABOUT)": the report's id, then what it covers (a domain, a policy) as data. */
export function reportHeading(id: string, about: string): Text {
  return text('reportCli.heading', { report: text('reportCli.report', { id }), about });
}

/** Where a report went and how that ended, e.g. "-> mailto:tlsrpt@example.jp: sent (queue Q0003: delivered (2.0.0))". */
export function deliveryLine(d: { uri: string; ok: boolean; detail: string; detailText?: TextParam }): Text {
  return text('tlsrptCli.delivery', { uri: d.uri, state: text(d.ok ? 'tlsrptCli.sent' : 'tlsrptCli.notSent'), detail: d.detailText ?? d.detail });
}
