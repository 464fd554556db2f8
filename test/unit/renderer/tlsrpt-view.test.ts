import { describe, expect, it } from 'vitest';
import { readReport, reportTotals } from '../../../renderer/src/lib/tlsrpt-view.ts';

// Shaped like the example of RFC 8460 §4.4 (policy strings and a failure detail).
const report = {
  'organization-name': 'sender.example',
  'date-range': { 'start-datetime': '2026-11-23T00:00:00Z', 'end-datetime': '2026-11-23T23:59:59Z' },
  'contact-info': 'tlsrpt@sender.example',
  'report-id': '2026-11-23T00:00:00Z_example.jp',
  policies: [
    {
      policy: {
        'policy-type': 'sts',
        'policy-string': ['version: STSv1', 'mode: enforce', 'mx: mx.example.jp', 'max_age: 86400'],
        'policy-domain': 'example.jp',
        'mx-host': ['mx.example.jp'],
      },
      summary: { 'total-successful-session-count': 3, 'total-failure-session-count': 2 },
      'failure-details': [
        {
          'result-type': 'starttls-not-supported',
          'sending-mta-ip': '198.51.100.10',
          'receiving-mx-hostname': 'mx.example.jp',
          'receiving-ip': '192.0.2.25',
          'failed-session-count': 2,
          'failure-reason-code': 'STARTTLS stripped',
        },
      ],
    },
    { policy: { 'policy-type': 'no-policy-found', 'policy-domain': 'example.jp' }, summary: { 'total-successful-session-count': 1, 'total-failure-session-count': 0 } },
  ],
};

describe('TLS-RPT report view', () => {
  it('reads the report fields of RFC 8460 §4.4', () => {
    const view = readReport(report);
    expect(view).toMatchObject({
      organization: 'sender.example',
      contact: 'tlsrpt@sender.example',
      reportId: '2026-11-23T00:00:00Z_example.jp',
      start: '2026-11-23T00:00:00Z',
      end: '2026-11-23T23:59:59Z',
    });
    expect(view.policies).toHaveLength(2);
    expect(view.policies[0]).toMatchObject({ policyType: 'sts', policyDomain: 'example.jp', mxHosts: ['mx.example.jp'], successes: 3, failures: 2 });
    expect(view.policies[0].policyStrings).toContain('mode: enforce');
    expect(view.policies[0].details).toEqual([
      {
        resultType: 'starttls-not-supported',
        sendingMtaIp: '198.51.100.10',
        receivingMxHostname: 'mx.example.jp',
        receivingMxHelo: '',
        receivingIp: '192.0.2.25',
        failedSessionCount: 2,
        additionalInformation: '',
        failureReasonCode: 'STARTTLS stripped',
        // No Text kept beside the report: the code as sent.
        failureReason: 'STARTTLS stripped',
      },
    ]);
    expect(view.policies[1]).toMatchObject({ policyType: 'no-policy-found', policyStrings: [], mxHosts: [], details: [] });
    expect(reportTotals(view)).toEqual({ successes: 4, failures: 2 });
  });

  it('reads a malformed report as empty fields instead of failing', () => {
    const view = readReport({ policies: [null, 5, { policy: 'x', summary: { 'total-successful-session-count': 'many' } }], 'date-range': [] });
    expect(view.organization).toBe('');
    expect(view.start).toBe('');
    expect(view.policies).toEqual([{ policyType: '', policyDomain: '', policyStrings: [], mxHosts: [], successes: 0, failures: 0, details: [] }]);
    expect(readReport({}).policies).toEqual([]);
  });
});
