// The sending MTA's other rules over real sockets: MTA-STS discovery, fetch, cache and id change
// (RFC 8461 §3, §5.1), broken policy answers, DNSSEC (RFC 4035 §5.5), REQUIRETLS (RFC 8689),
// null MX (RFC 7505), retries, TLS-RPT reports delivered to both kinds of rua (RFC 8460 §5.3),
// and DANE-TA against the chain the receiver presents (RFC 7672 §3.1.2).
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tlsa311 } from '../../../../../engine/dns/lab/pki-tlsa.ts';
import { DEFAULT_POLICY } from '../../../../../engine/lab/lab-sender.ts';
import { tlsaData } from '../../../../../engine/policy/dane/tlsa-data.ts';
import { lastAttempt, startSenderLab, type SenderLab } from './lab-fixture.ts';

let env: SenderLab;
beforeAll(async () => {
  env = await startSenderLab();
}, 30_000);
afterAll(async () => {
  await env.close();
});
beforeEach(async () => {
  env.lab.sender.mtaSts.clear();
  env.lab.policyHost!.set('example.jp', DEFAULT_POLICY, null);
  await env.receiverAs('valid');
  env.lab.dns.editor.setMode('example.jp', 'signed');
});

const edit = (op: 'add' | 'replace' | 'delete', name: string, type: string, value?: string) => {
  const result = env.lab.dns.editor.apply({ op, zone: 'example.jp', name, type, ...(value !== undefined ? { value } : {}) });
  expect(result.ok, JSON.stringify(result)).toBe(true);
};
const policyRows = () => env.lab.trace.all().filter((e) => e.layer === 'policy');

describe('MTA-STS discovery and the policy cache (RFC 8461 §3.3, §5.1)', () => {
  it('fetches once, then uses the cache while the TXT id is unchanged', async () => {
    await env.send({ policy: 'mta-sts' });
    const fetchedAt = env.lab.sender.mtaSts.cached('example.jp')!.fetchedAt;
    await env.send({ policy: 'mta-sts' });
    expect(env.lab.sender.mtaSts.cached('example.jp')!.fetchedAt).toBe(fetchedAt);
    expect(policyRows().at(-1)).toBeDefined();
    expect(policyRows().some((e) => /is the id of the cached policy/.test(e.summary))).toBe(true);
  });

  it('refetches when the TXT id changes and applies the new policy', async () => {
    await env.send({ policy: 'mta-sts' });
    env.lab.policyHost!.set('example.jp', DEFAULT_POLICY.replace('mx: mx.example.jp', 'mx: other.example.jp'), null);
    edit('replace', '_mta-sts', 'TXT', '"v=STSv1; id=20261123000001"');
    const message = await env.send({ policy: 'mta-sts' });
    expect(env.lab.sender.mtaSts.cached('example.jp')!.id).toBe('20261123000001');
    expect(message.state).toBe('deferred');
    expect(lastAttempt(message).reason).toMatch(/not allowed by the policy/);
    expect(lastAttempt(message).result).toBe('deferred');
    edit('replace', '_mta-sts', 'TXT', '"v=STSv1; id=20260101000000"');
  });

  it('a testing policy delivers and counts the failure for TLS-RPT', async () => {
    env.lab.policyHost!.set('example.jp', DEFAULT_POLICY.replace('enforce', 'testing'), null);
    await env.receiverAs('self-signed');
    const message = await env.send({ policy: 'mta-sts' });
    expect(message.state).toBe('delivered');
    expect(policyRows().some((e) => e.rule === 'RFC 8461 §5' && /testing/.test(e.summary))).toBe(true);
  });

  it('two v=STSv1 TXT records mean no policy: the sender delivers as without MTA-STS', async () => {
    edit('add', '_mta-sts', 'TXT', '"v=STSv1; id=second"');
    await env.receiverAs('no-starttls');
    const message = await env.send({ policy: 'mta-sts' });
    expect(message.state).toBe('delivered');
    expect(policyRows().some((e) => e.rule === 'RFC 8461 §3.1' && /2 TXT records/.test(e.summary))).toBe(true);
    edit('delete', '_mta-sts', 'TXT', '"v=STSv1; id=second"');
  });
});

describe('broken policy answers give no policy and an sts-policy-fetch-error (RFC 8461 §3.3)', () => {
  it.each(['wrong-media-type', 'redirect', 'not-found', 'oversize'] as const)('%s', async (lesson) => {
    env.lab.policyHost!.set('example.jp', DEFAULT_POLICY, lesson);
    await env.receiverAs('no-starttls');
    const message = await env.send({ policy: 'mta-sts', subject: `policy ${lesson}` });
    // No valid policy: delivered in cleartext, as without MTA-STS.
    expect(message.state).toBe('delivered');
    expect(lastAttempt(message).tls).toBeNull();
    const fetchRow = policyRows().filter((e) => (e.detail as { decision?: string }).decision === 'mta-sts-fetch').at(-1)!;
    expect(fetchRow.rule).toBe('RFC 8461 §3.3');
    expect((fetchRow.detail as { verdict?: string }).verdict).toBe('no-policy');
  });

  it('a policy file that does not parse is sts-policy-invalid', async () => {
    env.lab.policyHost!.set('example.jp', 'version: STSv1\r\nmode: sometimes\r\n', null);
    expect(env.lab.policyHost!.entries()[0].problems.length).toBeGreaterThan(0);
    await env.send({ policy: 'mta-sts' });
    const sts = env.lab.sender.tlsrpt.aggregates('example.jp').filter((a) => a.policy.type === 'sts');
    expect(sts.flatMap((a) => a.details.map((d) => d.detail.resultType))).toContain('sts-policy-invalid');
  });
});

describe('DNSSEC (RFC 4035 §5.5, RFC 7672 §2.1.1)', () => {
  it('a bogus MX answer defers when the sender validates, and is believed when it does not', async () => {
    env.lab.dns.editor.setMode('example.jp', 'bad-signature');
    const validating = await env.send({ policy: 'opportunistic', dnssec: true });
    expect(validating.state).toBe('deferred');
    expect(lastAttempt(validating).rule).toBe('RFC 4035 §5.5');
    const trusting = await env.send({ policy: 'opportunistic' });
    expect(trusting.state).toBe('delivered');
  });

  it('DANE validates whatever --dnssec says', async () => {
    env.lab.dns.editor.setMode('example.jp', 'bad-signature');
    const message = await env.send({ policy: 'dane', dnssec: false });
    expect(message.state).toBe('deferred');
  });

  it('DANE against an unsigned zone falls back to opportunistic TLS (RFC 7672 §2.2.1)', async () => {
    env.lab.dns.editor.setMode('example.jp', 'missing-ds');
    await env.receiverAs('self-signed');
    const message = await env.send({ policy: 'dane' });
    expect(message.state).toBe('delivered');
    expect(policyRows().some((e) => e.rule === 'RFC 7672 §2.2.1')).toBe(true);
  });
});

describe('DANE-TA matches only the chain the receiver presents (RFC 7672 §3.1.2)', () => {
  const labCa201 = () => `2 0 1 ${tlsaData(new X509Certificate(env.lab.caCertPem), 0, 1).toString('hex')}`;
  const mx311 = async () => `3 1 1 ${tlsa311((await env.lab.pki.leaf('mx.example.jp')).certPem).certificate.toString('hex')}`;
  const sendUnder = async (tlsa: string) => {
    edit('replace', '_25._tcp.mx', 'TLSA', tlsa);
    try {
      return await env.send({ policy: 'dane', subject: `DANE ${tlsa.slice(0, 5)}` });
    } finally {
      edit('replace', '_25._tcp.mx', 'TLSA', await mx311());
    }
  };

  it('2 0 1 of the lab CA, the receiver sends its leaf only: not DANE-authenticated, deferred (RFC 7672 §2.2)', async () => {
    const message = await sendUnder(labCa201());
    expect(message.state).toBe('deferred');
    expect(lastAttempt(message).rule).toBe('RFC 7672 §3.1.2');
    expect(lastAttempt(message).reason).toMatch(/only a certificate in the presented chain/);
    expect(env.lab.mailbox.list().some((m) => m.subject === message.request.subject)).toBe(false);
  });

  it('fix 1: the receiver sends its full chain, and 2 0 1 of the lab CA authenticates it', async () => {
    await env.receiverAs('full-chain');
    const message = await sendUnder(labCa201());
    expect(message.state).toBe('delivered');
    expect(lastAttempt(message).tls?.authenticated).toBe('dane');
  });

  it('fix 2: publish 3 1 1 of the server key, and the leaf alone is enough', async () => {
    const message = await sendUnder(await mx311());
    expect(message.state).toBe('delivered');
    expect(lastAttempt(message).tls?.authenticated).toBe('dane');
  });
});

describe('REQUIRETLS (RFC 8689)', () => {
  it('goes out with the REQUIRETLS parameter when the MX was named by MTA-STS and the certificate verified', async () => {
    const message = await env.send({ policy: 'mta-sts', requireTls: true });
    expect(message.state).toBe('delivered');
    const mail = env.lab.trace.all().filter((e) => e.layer === 'smtp' && /^MAIL FROM/.test(e.summary)).at(-1)!;
    expect(mail.summary).toContain('REQUIRETLS');
  });

  it('bounces with 5.7.10 when the MX name came from an insecure lookup', async () => {
    const message = await env.send({ policy: 'opportunistic', requireTls: true });
    expect(message.state).toBe('bounced');
    expect(message.notice?.status).toBe('5.7.10');
    expect(message.notice?.text).toContain('Action: failed');
    expect(lastAttempt(message).result).toBe('bounced');
  });

  it('bounces with 5.7.10 when the only MX offers no STARTTLS, never sending in plaintext (RFC 8689 §4.2.1)', async () => {
    await env.receiverAs('no-starttls');
    const message = await env.send({ policy: 'opportunistic', dnssec: true, requireTls: true, subject: 'REQUIRETLS without STARTTLS' });
    expect(message.state).toBe('bounced');
    expect(message.notice?.status).toBe('5.7.10');
    expect(message.notice?.text).toContain('Action: failed');
    expect(lastAttempt(message).rule).toBe('RFC 8689 §4.2.1');
    // The only MX: the attempt bounced the message; there was no next MX to try.
    expect(lastAttempt(message).result).toBe('bounced');
    expect(env.lab.mailbox.list().some((m) => m.subject === message.request.subject)).toBe(false);
  });

  it('"TLS-Required: No" delivers past an enforce policy that would refuse', async () => {
    await env.receiverAs('self-signed');
    const message = await env.send({ policy: 'mta-sts', tlsRequiredNo: true });
    expect(message.state).toBe('delivered');
    expect(policyRows().some((e) => e.rule === 'RFC 8689 §3')).toBe(true);
  });
});

describe('MX selection and the queue', () => {
  it('a null MX bounces with 5.1.10 (RFC 7505)', async () => {
    edit('replace', '@', 'MX', '0 .');
    const message = await env.send({ policy: 'opportunistic' });
    edit('replace', '@', 'MX', '10 mx.example.jp.');
    expect(message.state).toBe('bounced');
    expect(message.notice?.status).toBe('5.1.10');
  });

  it('skips an MX that does not answer and delivers to the next one (RFC 5321 §5.1)', async () => {
    edit('add', '@', 'MX', '5 dead.example.jp.');
    edit('add', 'dead', 'A', '192.0.2.99');
    const message = await env.send({ policy: 'opportunistic' });
    edit('delete', '@', 'MX', '5 dead.example.jp.');
    expect(message.attempts.map((a) => [a.mxHost, a.result])).toEqual([
      ['dead.example.jp', 'try-next-mx'],
      ['mx.example.jp', 'delivered'],
    ]);
  });

  it('a deferred message is retried and delivered once the cause is fixed', async () => {
    await env.receiverAs('no-starttls');
    const first = await env.send({ policy: 'mta-sts' });
    expect(first.state).toBe('deferred');
    await env.receiverAs('valid');
    expect(env.lab.sender.retry(first.id)).toBe(true);
    const second = await env.lab.sender.settled(first.id);
    expect(second.state).toBe('delivered');
    expect(second.attempts.length).toBe(2);
  });
});

describe('TLS-RPT reports (RFC 8460 §5.3)', () => {
  it('go to the mailto rua as a gzip attachment and to the https rua as a POST', async () => {
    await env.lab.sender.flushReports();
    await env.receiverAs('expired');
    await env.send({ policy: 'mta-sts' });
    await env.receiverAs('valid');
    await env.send({ policy: 'mta-sts' });
    const [report] = await env.lab.sender.flushReports();
    expect(report.deliveries.map((d) => [d.uri, d.ok])).toEqual([
      ['mailto:tlsrpt@example.jp', true],
      ['https://tlsrpt.example.jp/v1/report', true],
    ]);
    const posted = env.lab.collector.received().at(-1)!.report as { policies: { policy: { 'policy-type': string }; summary: Record<string, number>; 'failure-details'?: { 'result-type': string }[] }[] };
    const sts = posted.policies.find((p) => p.policy['policy-type'] === 'sts')!;
    expect(sts.summary).toEqual({ 'total-successful-session-count': 1, 'total-failure-session-count': 1 });
    expect(sts['failure-details']![0]['result-type']).toBe('certificate-expired');
    const mail = env.lab.mailbox.list().find((m) => m.envelope.rcptTo.includes('tlsrpt@example.jp'))!;
    expect(mail.subject).toContain('Report Domain: example.jp');
    expect(mail.headers.find(([name]) => name.toLowerCase() === 'tls-report-domain')?.[1]).toBe('example.jp');
    expect(mail.headers.find(([name]) => name.toLowerCase() === 'dkim-signature')?.[1]).toMatch(/d=sender\.example;.*s=tlsrpt;/s);
    expect(report.report['report-id']).toBe(report.id);
  });

  it('do not count the SMTP sessions that delivered them (RFC 8460 §3)', async () => {
    await env.lab.sender.flushReports();
    await env.send({ policy: 'opportunistic' });
    const [report] = await env.lab.sender.flushReports();
    expect(report.deliveries.find((d) => d.uri.startsWith('mailto:'))?.ok).toBe(true);
    expect(env.lab.sender.outbox().find((m) => m.request.to.includes('tlsrpt@example.jp'))?.tlsrptReport).toBe(true);
    // The report mail went out over an SMTP session to example.jp; the next period must not hold it.
    expect(await env.lab.sender.flushReports()).toEqual([]);
  });
});
