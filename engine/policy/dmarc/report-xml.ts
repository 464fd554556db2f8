// RFC 7489 §7.2.1 and Appendix C: the aggregate report as XML (`feedback`), its file name
// (§7.2.1.1) and its gzip compression (§7.2.1.1: the report MAY be compressed, gzip named .gz).
import { gzipSync } from 'node:zlib';
import type { DmarcPending, DmarcPolicyPublished, DmarcReportRow } from '../../../common/dmarc.ts';
import { canonicalName } from '../dns-name.ts';

export interface FeedbackMeta {
  orgName: string;
  email: string;
  extraContactInfo?: string;
  reportId: string;
  /** Seconds since the epoch, both inclusive (date_range). */
  begin: number;
  end: number;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const escape = (value: string | number): string => String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** An element with text, or with child lines indented under it. */
function element(name: string, content: string | number | string[], indent: string): string[] {
  if (Array.isArray(content)) return [`${indent}<${name}>`, ...content, `${indent}</${name}>`];
  return [`${indent}<${name}>${escape(content)}</${name}>`];
}

function policyLines(p: DmarcPolicyPublished, i: string): string[] {
  return [
    ...element('domain', p.domain, i),
    ...element('adkim', p.adkim, i),
    ...element('aspf', p.aspf, i),
    ...element('p', p.p, i),
    ...element('sp', p.sp, i),
    ...element('pct', p.pct, i),
    ...element('fo', p.fo, i),
  ];
}

function recordLines(row: DmarcReportRow, i: string): string[] {
  const i2 = `${i}  `;
  const i3 = `${i2}  `;
  const evaluated = [
    ...element('disposition', row.disposition, i3),
    ...element('dkim', row.dkim, i3),
    ...element('spf', row.spf, i3),
    ...row.reasons.flatMap((r) => element('reason', [...element('type', r.type, `${i3}  `), ...(r.comment ? element('comment', r.comment, `${i3}  `) : [])], i3)),
  ];
  return [
    ...element('row', [...element('source_ip', row.sourceIp, i2), ...element('count', row.count, i2), ...element('policy_evaluated', evaluated, i2)], i),
    ...element('identifiers', [...element('envelope_from', row.envelopeFrom, i2), ...element('header_from', row.headerFrom, i2)], i),
    ...element(
      'auth_results',
      [
        ...row.dkimResults.flatMap((d) => element('dkim', [...element('domain', d.domain, i3), ...element('selector', d.selector, i3), ...element('result', d.result, i3)], i2)),
        ...row.spfResults.flatMap((s) => element('spf', [...element('domain', s.domain, i3), ...element('scope', s.scope, i3), ...element('result', s.result, i3)], i2)),
      ],
      i,
    ),
  ];
}

/** The `feedback` document: one policy domain, one row per distinct record (Appendix C). */
export function feedbackXml(meta: FeedbackMeta, aggregate: DmarcPending): string {
  if (aggregate.rows.length === 0) throw new RangeError('a report has at least one record (RFC 7489 Appendix C: record minOccurs 1)');
  const metadata = [
    ...element('org_name', meta.orgName, '    '),
    ...element('email', meta.email, '    '),
    ...(meta.extraContactInfo ? element('extra_contact_info', meta.extraContactInfo, '    ') : []),
    ...element('report_id', meta.reportId, '    '),
    ...element('date_range', [...element('begin', meta.begin, '      '), ...element('end', meta.end, '      ')], '    '),
  ];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feedback>',
    ...element('version', '1.0', '  '),
    ...element('report_metadata', metadata, '  '),
    ...element('policy_published', policyLines(aggregate.policy, '    '), '  '),
    ...aggregate.rows.flatMap((row) => element('record', recordLines(row, '    '), '  ')),
    '</feedback>',
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * §7.2.1.1: filename = receiver "!" policy-domain "!" begin-timestamp "!" end-timestamp [ "!" unique-id ] "." extension,
 * timestamps in seconds since the epoch, extension "xml" (or "xml.gz" once gzipped).
 */
export function reportFileName(input: { receiver: string; policyDomain: string; begin: number; end: number; uniqueId?: string; gzip: boolean }): string {
  if (input.uniqueId !== undefined && !/^[A-Za-z0-9]+$/.test(input.uniqueId)) {
    throw new RangeError(`unique-id "${input.uniqueId}" must be letters and digits (RFC 7489 §7.2.1.1)`);
  }
  const parts: (string | number)[] = [canonicalName(input.receiver), canonicalName(input.policyDomain), input.begin, input.end];
  if (input.uniqueId) parts.push(input.uniqueId);
  return `${parts.join('!')}.${input.gzip ? 'xml.gz' : 'xml'}`;
}

export function gzipFeedback(xml: string): Buffer {
  return gzipSync(Buffer.from(xml, 'utf8'));
}
