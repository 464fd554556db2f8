// The checker's spf, dkim and dmarc items (arc and bimi as information) against the lab's live
// zones: what passes for example.jp and sender.example, and what a change to a record does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckerItem, CheckerReport } from '../../../common/checker.ts';
import { openTestLab, type TestLab } from '../nodes/lab-fixture.ts';

let t: TestLab;
beforeAll(async () => {
  t = await openTestLab();
});
afterAll(async () => {
  await t.close();
});

async function check(domain: string): Promise<Record<string, CheckerItem>> {
  const run = (await t.lab.checker!.run(domain)) as unknown as { report?: CheckerReport } & CheckerReport;
  const report = run.report ?? run;
  return Object.fromEntries(report.items.map((i) => [i.id, i]));
}

describe('checker: sender authentication items', () => {
  it('sender.example: SPF -all passes, _domainkey exists, DMARC p=none fails with the fix; arc and bimi are information', async () => {
    const items = await check('sender.example');
    expect(items.spf).toMatchObject({ pass: true, lab: '12-spf' });
    expect(items.spf.detail).toMatch(/gets fail/);
    expect(items.dkim).toMatchObject({ pass: true });
    expect(items.dmarc).toMatchObject({ pass: false, fix: { lines: ['_dmarc.sender.example. IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@sender.example"'] } });
    expect(items.dmarc.detail).toMatch(/p=none/);
    expect(items.arc).toMatchObject({ pass: true, info: true });
    expect(items.bimi).toMatchObject({ pass: true, info: true });
  });

  it('example.jp: SPF, DKIM (the key its submission service signs with) and DMARC p=reject pass; a deleted key fails dkim', async () => {
    const items = await check('example.jp');
    expect(items.spf.pass).toBe(true);
    expect(items.dmarc).toMatchObject({ pass: true, detail: 'DMARC record with p=reject' });
    expect(items.dkim).toMatchObject({ pass: true });
    const svc = t.lab.dnsService!;
    const zone = svc.zones().find((z) => z.origin === 'example.jp')!;
    const keyLine = zone.records.find((r) => r.startsWith('mail1._domainkey.example.jp'))!;
    expect(svc.edit({ op: 'delete', zone: 'example.jp', name: 'mail1._domainkey.example.jp', type: 'TXT' }).ok).toBe(true);
    try {
      const without = await check('example.jp');
      expect(without.dkim).toMatchObject({ pass: false });
      expect(without.dkim.detail).toMatch(/NXDOMAIN/);
    } finally {
      svc.edit({ op: 'add', zone: 'example.jp', name: 'mail1._domainkey.example.jp', type: 'TXT', value: keyLine.replace(/^.*?\bTXT\s+/, '') });
    }
  });

  it('an SPF record ending in +all, or two of them, fails', async () => {
    const svc = t.lab.dnsService!;
    expect(svc.edit({ op: 'replace', zone: 'sender.example', name: 'sender.example', type: 'TXT', value: '"v=spf1 ip4:198.51.100.25 +all"' }).ok).toBe(true);
    try {
      expect((await check('sender.example')).spf).toMatchObject({ pass: false });
      expect(svc.edit({ op: 'add', zone: 'sender.example', name: 'sender.example', type: 'TXT', value: '"v=spf1 -all"' }).ok).toBe(true);
      expect((await check('sender.example')).spf.detail).toMatch(/2 SPF records/);
    } finally {
      svc.edit({ op: 'replace', zone: 'sender.example', name: 'sender.example', type: 'TXT', value: '"v=spf1 ip4:198.51.100.25 -all"' });
    }
  });
});
