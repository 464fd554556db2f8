// The mail checker against a real lab: the default lab passes every item; a legacy receiver, a
// broken TLSA record, an expired certificate, an unsigned zone and a missing TLS-RPT record each
// fail what they should. Its probes go through its own links, so they show in the trace as
// checker.example's and an attacker on its path changes what it sees.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckerReport } from '../../../common/checker.ts';
import { startLabServer } from '../../../engine/cli/lab-server.ts';
import { openTestLab, type TestLab } from '../nodes/lab-fixture.ts';

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'smtp-lab-checker-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function withLab<T>(work: (t: TestLab) => Promise<T>): Promise<T> {
  const t = await openTestLab({}, dataDir);
  try {
    return await work(t);
  } finally {
    await t.close();
  }
}

async function check(t: TestLab, domain = 'example.jp'): Promise<CheckerReport> {
  const run = await t.lab.checker!.run(domain);
  if (!run.ok) throw new Error(run.message);
  return run.report;
}

const failing = (report: CheckerReport) => report.items.filter((i) => !i.pass).map((i) => i.id);
const itemOf = (report: CheckerReport, id: string) => report.items.find((i) => i.id === id)!;

describe('the mail checker in a live lab', () => {
  it('passes every item of the default lab, probing through its own links without sending mail', () =>
    withLab(async (t) => {
      const before = t.lab.mailbox.list().length;
      const report = await check(t);
      expect(failing(report)).toEqual([]);
      expect(report.score).toBe(100);
      expect(report.mx).toEqual(['mx.example.jp']);
      expect(itemOf(report, 'tls-version').evidence[0]).toMatch(/accepts TLS 1\.2 \(good\), TLS 1\.3 \(good\); refuses TLS 1\.0, TLS 1\.1/);
      expect(itemOf(report, 'dane').evidence[0]).toMatch(/matches the 1 certificate/);
      const events = t.lab.trace.all();
      const mine = events.filter((e) => e.link.from === 'checker.example');
      expect(mine.some((e) => e.layer === 'smtp' && e.link.to === 'mx.example.jp' && /^STARTTLS/.test(e.summary))).toBe(true);
      expect(mine.some((e) => e.layer === 'dns' && /_25\._tcp\.mx\.example\.jp/.test(e.summary))).toBe(true);
      expect(mine.some((e) => e.link.to === 'mta-sts.example.jp' && e.link.port === 443)).toBe(true);
      expect(mine.some((e) => e.layer === 'note' && /scores 100%/.test(e.summary))).toBe(true);
      // The end note names the items either way, so a lab step can tick on "tls-version passes".
      expect(mine.find((e) => e.detail?.phase === 'end')?.detail).toMatchObject({ failed: [], passed: report.items.map((i) => i.id) });
      expect(t.lab.mailbox.list().length).toBe(before);
      expect(t.lab.hosts().find((h) => h.name === 'checker.example')).toMatchObject({ address: '198.51.100.77', role: 'checker' });
    }));

  it('a legacy receiver set in main.cf (TLS 1.0, Postfix defaults for ciphers) fails tls-version and ciphers; its fix lines make it pass', () =>
    withLab(async (t) => {
      const postconf = (...lines: string[]) => expect(t.lab.postconf.edit(lines)).toMatchObject({ ok: true });
      // With the lab's ECDSA key and its "high" grade without weak suites, the old versions are the only fault.
      postconf('smtpd_tls_protocols = >=TLSv1');
      expect(failing(await check(t))).toEqual(['tls-version']);
      // Postfix's default grade and no exclusions (tls_medium_cipherlist) add anonymous ECDH, Camellia, ARIA and AES-CCM8.
      postconf('smtpd_tls_ciphers = medium', 'smtpd_tls_exclude_ciphers =');
      const report = await check(t);
      expect(failing(report)).toEqual(['tls-version', 'ciphers']);
      expect(itemOf(report, 'tls-version').detail).toMatch(/TLS 1\.0.*TLS 1\.1/);
      expect(itemOf(report, 'tls-version').fix?.lines).toContain('smtpd_tls_protocols = >=TLSv1.2');
      expect(itemOf(report, 'ciphers').detail).toMatch(/phase-out|insufficient/);
      expect(itemOf(report, 'ciphers').lab).toBe('05-tls-downgrade');
      // 9 of the 11 counted items (arc and bimi are information).
      expect(report.score).toBe(82);
      // Hardening as the report says, then testing again: every item passes.
      postconf(...failing(report).flatMap((id) => itemOf(report, id).fix!.lines));
      expect(failing(await check(t))).toEqual([]);
    }));

  it('a TLSA record that does not match the server key fails dane, with the record to publish', () =>
    withLab(async (t) => {
      const edit = t.lab.dnsService!.edit({ op: 'replace', zone: 'example.jp', name: '_25._tcp.mx', type: 'TLSA', value: `3 1 1 ${'ab'.repeat(32)}` });
      expect(edit.ok).toBe(true);
      const report = await check(t);
      expect(failing(report)).toEqual(['dane']);
      const dane = itemOf(report, 'dane');
      expect(dane.evidence[0]).toMatch(/does NOT match/);
      expect(dane.fix?.lines[0]).toMatch(/^_25\._tcp\.mx\.example\.jp\. IN TLSA 3 1 1 [0-9a-f]{64}$/);
      expect(dane.fix?.lines[0]).not.toContain('ab'.repeat(32));
    }));

  it('an expired certificate fails certificate', () =>
    withLab(async (t) => {
      expect(t.lab.postconf.edit(['smtpd_tls_cert_file = /etc/smtp-lab/tls/expired/fullchain.pem', 'smtpd_tls_key_file = /etc/smtp-lab/tls/expired/privkey.pem'])).toMatchObject({ ok: true });
      const report = await check(t);
      const certificate = itemOf(report, 'certificate');
      expect(certificate.pass).toBe(false);
      expect(certificate.detail).toMatch(/expired/);
      expect(certificate.evidence.join('\n')).toMatch(/EXPIRED/);
      expect(failing(report)).toContain('certificate');
      expect(failing(report)).not.toContain('starttls');
    }));

  it('an unsigned zone fails dnssec and dane (DANE needs DNSSEC)', () =>
    withLab(async (t) => {
      expect(t.lab.dnsService!.setMode('example.jp', 'unsigned').ok).toBe(true);
      const report = await check(t);
      expect(failing(report)).toEqual(['dnssec', 'dane']);
      expect(itemOf(report, 'dnssec').detail).toMatch(/example\.jp MX is insecure/);
      expect(itemOf(report, 'dane').fix?.en).toMatch(/DANE needs DNSSEC first/);
    }));

  it('a missing TLS-RPT record fails tls-rpt', () =>
    withLab(async (t) => {
      expect(t.lab.dnsService!.edit({ op: 'delete', zone: 'example.jp', name: '_smtp._tls', type: 'TXT' }).ok).toBe(true);
      const report = await check(t);
      expect(failing(report)).toEqual(['tls-rpt']);
      expect(itemOf(report, 'tls-rpt').fix?.lines).toEqual(['_smtp._tls.example.jp. IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.jp"']);
    }));

  it('an attacker on the checker\'s path strips STARTTLS from what the checker sees', () =>
    withLab(async (t) => {
      const on = await t.lab.attacker.set('strip-starttls', { link: 'checker' });
      expect(on.ok && on.status.active?.links).toEqual(['checker.example → mx.example.jp:25']);
      const report = await check(t);
      expect(itemOf(report, 'starttls').pass).toBe(false);
      expect(itemOf(report, 'starttls').evidence[0]).toMatch(/no STARTTLS in the EHLO reply/);
      expect(itemOf(report, 'starttls').notes[0]).toMatch(/something on the path removed it/);
      expect(t.lab.trace.all().some((e) => e.layer === 'attack' && e.link.from === 'checker.example')).toBe(true);
      await t.lab.attacker.off();
      expect(failing(await check(t))).toEqual([]);
    }));

  it('tests a domain the learner gives an MX record in the zone editor', () =>
    withLab(async (t) => {
      expect(t.lab.dnsService!.edit({ op: 'add', zone: 'example.jp', name: 'shop', type: 'MX', value: '10 mx.example.jp.' }).ok).toBe(true);
      const report = await check(t, 'shop.example.jp');
      expect(report).toMatchObject({ domain: 'shop.example.jp', mx: ['mx.example.jp'] });
      // The server and the signed zone are example.jp's; the policy records are not published for the new name yet.
      for (const id of ['starttls', 'tls-version', 'ciphers', 'certificate', 'dnssec', 'dane']) expect(itemOf(report, id).pass, id).toBe(true);
      expect(itemOf(report, 'mta-sts').pass).toBe(false);
      expect(itemOf(report, 'tls-rpt').fix?.lines).toEqual(['_smtp._tls.shop.example.jp. IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@shop.example.jp"']);
    }));

  it('refuses a malformed domain with a reason', () =>
    withLab(async (t) => {
      const run = await t.lab.checker!.run('exa mple..jp');
      expect(run).toMatchObject({ ok: false });
    }));

  it('smtp-lab checker and lab checker: the report as text or JSON, exit 0 only when every item passes', () =>
    withLab(async (t) => {
      const server = await startLabServer({ lab: t.lab });
      const cli = resolve(import.meta.dirname, '../../../bin/smtp-lab.js');
      const env = { ...process.env, SMTP_LAB_DATA: dataDir, SMTP_LAB_RUN: server.runFile };
      const smtpLab = (args: string[]) =>
        promisify(execFile)(process.execPath, [cli, ...args], { env }).then(
          (r) => ({ code: 0, stdout: r.stdout }),
          (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
        );
      try {
        const json = await smtpLab(['checker', 'example.jp', '--json']);
        expect(json.code).toBe(0);
        const report = JSON.parse(json.stdout) as CheckerReport;
        expect(report).toMatchObject({ domain: 'example.jp', score: 100 });
        for (const i of report.items) expect(Object.keys(i)).toEqual(expect.arrayContaining(['id', 'pass', 'detail', 'lab']));
        t.lab.dnsService!.edit({ op: 'delete', zone: 'example.jp', name: '_smtp._tls', type: 'TXT' });
        const text = await smtpLab(['lab', 'checker', 'example.jp']);
        expect(text.code).toBe(1);
        expect(text.stdout).toMatch(/^Mail test of example\.jp: 91% \(10\/11 items pass\)/);
        expect(text.stdout).toMatch(/FAIL {2}tls-rpt/);
        expect(text.stdout).toContain('_smtp._tls.example.jp. IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.jp"');
        expect(text.stdout).toContain('lab: labs/06-mta-sts/');
      } finally {
        await server.close();
      }
    }));
});
