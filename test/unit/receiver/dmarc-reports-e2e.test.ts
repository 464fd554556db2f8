// DMARC aggregate reports end to end: messages that pass and fail DMARC at mx.example.jp, then
// `dmarc send`: each report arrives in the lab mailbox as a gzipped XML attachment whose records
// are the evaluations the receiver made, and it validates against RFC 7489 Appendix C (xmllint).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailboxMessage } from '../../../common/lab.ts';
import { ALL_LAB_MILTERS } from '../../../engine/postconf/milters.ts';
import { openTestLab, type TestLab } from '../nodes/lab-fixture.ts';

const SCHEMA = join(import.meta.dirname, '../policy/dmarc/rfc7489-appendix-c.xsd');
const XMLLINT = spawnSync('xmllint', ['--version']).status === 0;

let t: TestLab;
beforeAll(async () => {
  t = await openTestLab();
  expect(t.lab.postconf.edit([`smtpd_milters = ${ALL_LAB_MILTERS}`]).ok).toBe(true);
});
afterAll(async () => {
  await t.close();
});

async function send(attack: string | null, params: Record<string, string> = {}) {
  if (attack) expect((await t.lab.attacker.set(attack as never, params)).ok).toBe(true);
  else await t.lab.attacker.off();
  const submitted = t.lab.sender.submit({ from: 'alice@sender.example', to: ['bob@example.jp'], subject: 'Numbers', body: 'Up 12 percent.', policy: 'opportunistic' });
  if (!submitted.ok) throw new Error(submitted.message);
  return (await t.lab.sender.settled(submitted.message.id)).outcome!;
}

const header = (m: MailboxMessage, name: string) => m.headers.find(([n]) => n.toLowerCase() === name)?.[1];
const tag = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]);

describe('DMARC aggregate reports from mx.example.jp', () => {
  it('counts the evaluations, sends one report per policy domain and the reports arrive as .xml.gz', async () => {
    expect((await send(null)).auth).toMatchObject({ spf: 'pass', dkim: 'pass', dmarc: 'pass' });
    expect((await send(null)).auth).toMatchObject({ dmarc: 'pass' });
    expect(await send('spoof-from')).toMatchObject({ folder: 'inbox', auth: { spf: 'fail', dkim: 'none', dmarc: 'fail' } });
    expect(await send('spoof-from', { 'header-from': 'ceo@example.jp' })).toMatchObject({ folder: 'rejected', auth: { dmarc: 'fail' } });
    await t.lab.attacker.off();

    const pending = t.lab.dmarc.state().pending;
    expect(pending.map((p) => [p.policyDomain, p.messages])).toEqual([
      ['example.jp', 1],
      ['sender.example', 3],
    ]);

    const reports = await t.lab.dmarc.flush();
    expect(reports.map((r) => r.policyDomain)).toEqual(['example.jp', 'sender.example']);
    for (const r of reports) expect(r.deliveries, JSON.stringify(r.deliveries)).toMatchObject([{ ok: true }]);
    // The reports are mail to example.jp too: mx.example.jp checked them, and they count for the next report.
    expect(t.lab.dmarc.state().pending).toMatchObject([{ policyDomain: 'example.jp', messages: 2, rows: [{ sourceIp: '192.0.2.25', count: 2, dkim: 'pass', spf: 'pass', headerFrom: 'example.jp' }] }]);

    const sender = reports.find((r) => r.policyDomain === 'sender.example')!;
    expect(sender.fileName).toMatch(/^example\.jp!sender\.example!\d+!\d+\.xml\.gz$/);
    expect(sender.rows.map((r) => [r.sourceIp, r.count, r.disposition, r.dkim, r.spf])).toEqual([
      ['198.51.100.25', 2, 'none', 'pass', 'pass'],
      ['203.0.113.66', 1, 'none', 'fail', 'fail'],
    ]);
    // sender.example's rua is in example.jp: the §7.1 record was looked up and found.
    expect(t.lab.trace.all().some((e) => e.rule === 'RFC 7489 §7.1' && /sender\.example\._report\._dmarc\.example\.jp has "v=DMARC1"/.test(e.summary))).toBe(true);

    const arrived = t.lab.mailbox.list().filter((m) => m.envelope.mailFrom === 'dmarc-noreply@example.jp');
    expect(arrived.map((m) => m.envelope.rcptTo[0]).sort()).toEqual(['dmarc-reports@example.jp', 'dmarc@example.jp']);
    const mail = arrived.find((m) => m.envelope.rcptTo[0] === 'dmarc-reports@example.jp')!;
    expect(mail.subject).toBe(`Report Domain: sender.example Submitter: example.jp Report-ID: <${sender.id}>`);
    // Sent by mx.example.jp itself, signed with example.jp's key: the report passes example.jp's DMARC.
    expect(mail.received).toMatch(/^Received: from mx\.example\.jp \(mx\.example\.jp \[192\.0\.2\.25\]\)/);
    expect(mail.auth).toMatchObject({ dmarc: { result: 'pass' } });
    expect(header(mail, 'from')).toBe('dmarc-noreply@example.jp');
    const attachment = mail.attachments!.find((a) => a.filename === sender.fileName)!;
    expect(attachment.contentType).toBe('application/gzip');
    const xml = gunzipSync(Buffer.from(attachment.base64!, 'base64')).toString('utf8');
    expect(xml).toBe(sender.xml);
    expect(tag(xml, 'source_ip')).toEqual(['198.51.100.25', '203.0.113.66']);
    expect(tag(xml, 'count')).toEqual(['2', '1']);
    expect(tag(xml, 'disposition')).toEqual(['none', 'none']);
    expect(tag(xml, 'header_from')).toEqual(['sender.example', 'sender.example']);
    expect(tag(xml, 'p')).toEqual(['none']);

    const exampleJp = reports.find((r) => r.policyDomain === 'example.jp')!;
    expect(exampleJp.rows).toMatchObject([{ sourceIp: '203.0.113.66', count: 1, disposition: 'reject', dkim: 'fail', spf: 'fail', headerFrom: 'example.jp', envelopeFrom: 'sender.example' }]);

    if (XMLLINT) {
      const dir = mkdtempSync(join(tmpdir(), 'dmarc-e2e-'));
      for (const r of reports) {
        const file = join(dir, `${r.policyDomain}.xml`);
        writeFileSync(file, r.xml);
        const run = spawnSync('xmllint', ['--noout', '--schema', SCHEMA, file], { encoding: 'utf8' });
        expect(run.status, run.stderr).toBe(0);
      }
    }
  });

  it('does not send to a mailbox of another organization that did not publish the §7.1 record', async () => {
    const removed = t.lab.dnsService!.edit({ op: 'delete', zone: 'example.jp', name: 'sender.example._report._dmarc.example.jp', type: 'TXT' });
    expect(removed.ok, JSON.stringify(removed)).toBe(true);
    try {
      await send(null);
      const report = (await t.lab.dmarc.flush()).find((r) => r.policyDomain === 'sender.example')!;
      expect(report.deliveries).toMatchObject([{ uri: 'mailto:dmarc-reports@example.jp', ok: false, detail: expect.stringMatching(/sender\.example\._report\._dmarc\.example\.jp does not authorize reports about sender\.example/) }]);
    } finally {
      t.lab.dnsService!.edit({ op: 'add', zone: 'example.jp', name: 'sender.example._report._dmarc.example.jp', type: 'TXT', value: 'v=DMARC1' });
    }
  });

  it('a lab reset forgets what was counted and the reports', async () => {
    await send(null);
    expect(t.lab.dmarc.state().pending).not.toEqual([]);
    t.lab.dmarc.reset();
    expect(t.lab.dmarc.state()).toMatchObject({ pending: [], reports: [] });
  });
});
