// What a learner reads walking the DNSSEC and DANE labs and the matrix in Japanese: each sentence
// says what happened in natural Japanese (no English word, raw number or node id standing for
// one), and says only what is true (an insecure zone may well be signed; a certificate that
// happened to verify under opportunistic TLS was not required to).
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { english, renderText } from '../../../common/i18n/text.ts';
import type { MatrixReport } from '../../../common/matrix.ts';
import type { LabHostTable } from '../../../common/lab.ts';
import type { OutboundMessage, SendOutcome, TlsSummary } from '../../../common/sender.ts';
import { setCliLocale } from '../../../engine/cli/cli-locale.ts';
import { displayWidth } from '../../../engine/cli/format/display-width.ts';
import { formatHostTable } from '../../../engine/cli/format/host-table-text.ts';
import { matrixMarkdown, matrixText } from '../../../engine/cli/format/matrix-text.ts';
import { outcomeLines } from '../../../engine/cli/format/outcome-text.ts';
import { dnsService } from '../../../engine/dns/lab/dns-service.ts';
import { startLabDns, type LabDns } from '../../../engine/dns/lab/lab-dns.ts';
import { cellScenario, ATTACKS, DEFENSES } from '../../../engine/matrix/matrix-spec.ts';
import { createRootCa, issueServerLeaf } from '../../../engine/pki/issue.ts';
import { daneRequirement, daneVerdict } from '../../../engine/policy/dane/decision.ts';
import { tlsaData } from '../../../engine/policy/dane/tlsa-data.ts';
import { translate, type MessageKey, type MessageParams } from '../../../renderer/src/lib/i18n/index.ts';
import { verdictLines } from '../../../renderer/src/lib/outbox-verdict.ts';
import { japaneseProblems } from '../../support/english-sentences.ts';
import { harness } from '../dns/lab-zones.ts';

const host = { nextHopDomain: 'example.jp', mxHost: 'mx.example.jp' };
const UTC_TIME = String.raw`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC`;

describe('DANE: an insecure MX RRset (RFC 7672 §2.2.1)', () => {
  const reasonOf = (mxSigned?: boolean) => {
    const requirement = daneRequirement(host, { mx: 'insecure', address: 'insecure', ...(mxSigned === undefined ? {} : { mxSigned }) });
    expect(requirement).toMatchObject({ mode: 'opportunistic', rule: 'RFC 7672 §2.2.1' });
    return { en: requirement.reason, ja: renderText('ja', requirement.reasonText!) };
  };

  it('signed, but no DS in the parent (missing-ds): says it is signed and why it is still insecure', () => {
    const { en, ja } = reasonOf(true);
    expect(en).toContain('the MX RRset of example.jp is signed but insecure: no chain of trust reaches its zone');
    expect(ja).toContain('example.jp の MX の RRset は署名されているが、DNSSEC で安全とは確認できない（insecure）');
    expect(ja).not.toContain('署名されていない');
    expect(japaneseProblems(ja)).toEqual([]);
  });

  it('unsigned: says it came without signatures', () => {
    const { en, ja } = reasonOf(false);
    expect(en).toContain('the MX RRset of example.jp is insecure: it came without RRSIGs (an unsigned zone)');
    expect(ja).toContain('example.jp の MX の RRset には署名（RRSIG）がない（署名されていないゾーン）');
    expect(japaneseProblems(ja)).toEqual([]);
  });

  it('not known which: says "not DNSSEC-secure" and both possibilities, never "not signed"', () => {
    const { en, ja } = reasonOf(undefined);
    expect(en).toContain('the MX RRset of example.jp is not DNSSEC-secure (unsigned, or signed with no chain of trust to it)');
    expect(en).not.toContain('not DNSSEC-signed');
    expect(ja).toContain('DNSSEC で安全とは確認できない（insecure：署名がないか、署名はあっても信頼の連鎖がつながっていない）');
  });

  it('the lookup tells which: a missing-ds zone answers with RRSIGs, an unsigned one without', async () => {
    const missingDs = await harness({ modes: { 'example.jp': 'missing-ds' } }).resolver.lookup('example.jp', 'MX');
    expect(missingDs.status).toBe('insecure');
    expect(missingDs.rrsigs.length).toBeGreaterThan(0);
    const unsigned = await harness({ modes: { 'example.jp': 'unsigned' } }).resolver.lookup('example.jp', 'MX');
    expect(unsigned.status).toBe('insecure');
    expect(unsigned.rrsigs).toEqual([]);
  });
});

describe('DANE: no TLSA record matches', () => {
  let ca: X509Certificate;
  let leaf: X509Certificate;
  beforeAll(async () => {
    const caPem = await createRootCa('Walk Test CA');
    ca = new X509Certificate(caPem.certPem);
    leaf = new X509Certificate((await issueServerLeaf(caPem, 'mx.example.jp')).certPem);
  });

  it('reads as one Japanese sentence, without spaces around the inserted phrase', () => {
    const records = [{ usage: 3, selector: 1, matchingType: 1, data: tlsaData(ca, 1, 1) }];
    const requirement = daneRequirement(host, { mx: 'secure', address: 'secure', tlsa: { status: 'secure', records } });
    const verdict = daneVerdict(requirement, { tls: { starttlsOffered: true, handshake: { ok: true, version: 'TLSv1.3' } }, chain: [leaf.raw], now: Date.now() });
    expect(verdict.verdict).toBe('try-next-mx');
    const ja = renderText('ja', verdict.reasonText!);
    expect(ja).toContain('サーバーが提示した 1 枚の証明書は、使える TLSA レコード（1 件）のどれにも一致しない');
    expect(ja).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff] [\u3040-\u30ff\u4e00-\u9fff]/);
    expect(verdict.reason).toContain('none of the 1 usable TLSA record(s) matches the 1 certificate(s) the server presented');
  });
});

describe('labdig through the lab resolver', () => {
  let dataDir: string;
  let dns: LabDns;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'smtp-lab-walk-'));
    dns = await startLabDns({ dataDir });
  });
  afterAll(async () => {
    await dns.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('names the learner\'s terminal as the trace does, and an expired RRSIG by its dates', async () => {
    const service = dnsService(dns);
    expect(service.setMode('example.jp', 'expired-rrsig').ok).toBe(true);
    const ja = (await service.query('example.jp', 'MX', { validate: true, locale: 'ja' })).text;
    expect(ja.split('\n')[0]).toBe('; labdig example.jp. MX  (あなたの端末の実習用リゾルバ、検証あり)');
    const reason = ja.split('\n').find((line) => line.includes('署名の有効期限'))!;
    expect(reason).toMatch(new RegExp(`^;; {3}RRSIG MX example\\.jp（鍵タグ \\d+、署名者 example\\.jp）：署名の有効期限 ${UTC_TIME} を過ぎている（現在 ${UTC_TIME}）$`));
    expect(reason).not.toMatch(/expiration|\d{10}/);
    const en = (await service.query('example.jp', 'MX', { validate: false, locale: 'en' })).text;
    expect(en.split('\n')[0]).toBe('; labdig example.jp. MX  (lab resolver for your terminal, not validating)');
    const answer = (await service.query('example.jp', 'MX', { validate: true })).answer;
    expect(answer.reason).toMatch(new RegExp(`expired at ${UTC_TIME} \\(now ${UTC_TIME}\\)`));
  });
});

describe('lab send: whether authentication was required', () => {
  const outcome = (tls: TlsSummary): SendOutcome => ({ delivered: true, tls, attackerRead: false, stoppedBy: null, downgrade: null, reason: 'x' });
  const opportunistic: TlsSummary = { version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', authenticated: 'pkix', authenticationRequired: false };
  const enforced: TlsSummary = { ...opportunistic, authenticationRequired: true, authenticationRequiredBy: 'mta-sts' };
  const transport = (tls: TlsSummary, locale: 'en' | 'ja') => outcomeLines(outcome(tls), 'delivered', locale)[1];

  it('in the CLI: valid but not required, or authenticated as a named policy required', () => {
    expect(transport(opportunistic, 'ja')).toBe('経路：    TLSv1.3（TLS_AES_256_GCM_SHA384）で、証明書は PKIX（信頼された CA）で有効だったが、認証は求められていなかった：有効でなくても送信側は送っていた');
    expect(transport(opportunistic, 'en')).toBe('transport: over TLSv1.3 (TLS_AES_256_GCM_SHA384), the certificate valid by PKIX (a trusted CA) but not required: the sender would have sent the message anyway');
    expect(transport(enforced, 'ja')).toBe('経路：    TLSv1.3（TLS_AES_256_GCM_SHA384）で、証明書は PKIX（信頼された CA）で認証済み（認証を求めたもの：MTA-STS ポリシー（enforce））');
    expect(transport(enforced, 'en')).toBe('transport: over TLSv1.3 (TLS_AES_256_GCM_SHA384), the certificate authenticated by PKIX (a trusted CA), required by the MTA-STS policy (enforce)');
    expect(transport({ ...enforced, authenticationRequiredBy: 'secure' }, 'en')).toContain('required by smtp_tls_security_level = secure');
  });

  it('in the Send tab: the same distinction, and the unrequired one is not shown as a plain success', () => {
    const ja = (key: MessageKey, params?: MessageParams) => translate('ja', key, params);
    const en = (key: MessageKey, params?: MessageParams) => translate('en', key, params);
    const message = (tls: TlsSummary): OutboundMessage => ({
      id: 'Q0001',
      messageId: '<q1@sender.example>',
      queuedAt: '2026-12-06T00:00:00Z',
      request: { from: 'alice@sender.example', to: ['bob@example.jp'], subject: 's', body: 'b', policy: 'opportunistic' },
      state: 'delivered',
      attempts: [],
      nextRetryAt: null,
      notice: null,
      outcome: outcome(tls),
    });
    const line = (tls: TlsSummary, t: typeof ja) => verdictLines(message(tls), t).find((l) => l.kind === 'transport')!;
    expect(line(opportunistic, ja)).toEqual({ kind: 'transport', tone: 'warn', text: 'TLSv1.3 · TLS_AES_256_GCM_SHA384 · 証明書は有効（PKIX）だが認証は求められていない（有効でなくても送っていた） で運ばれました。' });
    expect(line(opportunistic, en).text).toBe('It travelled over TLSv1.3 · TLS_AES_256_GCM_SHA384 · certificate valid (PKIX) but not required (it would have been sent anyway).');
    expect(line(enforced, ja)).toEqual({ kind: 'transport', tone: 'ok', text: 'TLSv1.3 · TLS_AES_256_GCM_SHA384 · 証明書を検証済み（PKIX、要求したポリシー：MTA-STS（enforce）） で運ばれました。' });
    expect(line(enforced, en).text).toBe('It travelled over TLSv1.3 · TLS_AES_256_GCM_SHA384 · certificate verified (PKIX), required by MTA-STS (enforce).');
  });
});

describe('lab hosts', () => {
  afterEach(() => setCliLocale('en'));
  const hosts: LabHostTable = {
    terminal: { address: '192.0.2.10', role: 'terminal', ports: {} },
    'mta-sts.example.jp': { address: '192.0.2.80', role: 'policy-host', ports: { '443': 40443 } },
    'tlsrpt.example.jp': { address: '192.0.2.81', role: 'report-collector', ports: { '443': 40444 } },
    'mail.sender.example': { address: '198.51.100.25', role: 'sender', ports: {} },
    'checker.example': { address: '198.51.100.77', role: 'checker', ports: {} },
    'attacker.example': { address: '203.0.113.66', role: 'attacker', ports: {} },
  };

  it('names each role in the reader\'s language', () => {
    setCliLocale('ja');
    const ja = formatHostTable(hosts);
    for (const role of ['policy-host', 'report-collector', 'attacker', 'terminal']) expect(ja).not.toContain(` ${role} `);
    expect(ja).toMatch(/mta-sts\.example\.jp +192\.0\.2\.80 +ポリシー配信 +443 -> 127\.0\.0\.1:40443/);
    expect(ja).toMatch(/tlsrpt\.example\.jp +192\.0\.2\.81 +レポート収集 +443/);
    expect(ja).toMatch(/checker\.example +198\.51\.100\.77 +メールチェッカー +-/);
    expect(ja).toMatch(/attacker\.example +203\.0\.113\.66 +攻撃者 +-/);
    expect(ja).toMatch(/terminal +192\.0\.2\.10 +あなたの端末 +-/);
    setCliLocale('en');
    const en = formatHostTable(hosts);
    expect(en).toMatch(/mta-sts\.example\.jp +192\.0\.2\.80 +MTA-STS policy host +443/);
    expect(en).toMatch(/tlsrpt\.example\.jp +192\.0\.2\.81 +TLS-RPT collector +443/);
    expect(en).toMatch(/attacker\.example +203\.0\.113\.66 +attacker +-/);
    // Within an 80-column terminal, counted in terminal columns.
    for (const line of [...ja.split('\n'), ...en.split('\n')]) expect(displayWidth(line)).toBeLessThanOrEqual(80);
  });
});

describe('smtp-lab matrix: each reason in the reader\'s language', () => {
  const label = (locale: 'en' | 'ja') => ({
    defenses: DEFENSES.filter((d) => ['none', 'dane'].includes(d.id)).map((d) => ({ id: d.id, label: d.label[locale] })),
    attacks: ATTACKS.filter((a) => ['eavesdrop', 'fake-certificate'].includes(a.id)).map((a) => ({ id: a.id, label: a.label[locale] })),
  });
  const report = (locale: 'en' | 'ja'): MatrixReport => ({
    ...label(locale),
    cells: [{ attack: 'eavesdrop', defense: 'none', result: '×', why: 'read', reason: 'r1', run: 'm1.eavesdrop.none', evidence: null, lab: '02-eavesdropping' }],
    variants: [{ attack: 'fake-certificate', defense: 'dane', variant: 'self-signed', result: '○', why: 'refused', reason: 'r2', run: 'm1.fake-certificate.dane.self-signed', evidence: null, lab: '09-dane' }],
    elapsedMs: 1,
    runs: 2,
  });

  it('names the attack, the defence and the second run by their labels', () => {
    const ja = matrixText(report('ja'), 'ja');
    expect(ja).toContain('  × 経路上での盗聴 × 対策なし：r1');
    expect(ja).toContain('  ○ 偽の（誤発行された）証明書 × DANE（2 回目：自己署名の証明書）：r2');
    const reasons = ja.split('\n').filter((line) => /^ {2}[○△×-] /.test(line));
    expect(reasons).toHaveLength(2);
    for (const line of reasons) expect(line).not.toMatch(/eavesdrop|self-signed|first-contact|none/);
    expect(matrixMarkdown(report('ja'), 'ja')).toContain('- ○ 偽の（誤発行された）証明書 × DANE（2 回目：自己署名の証明書）：r2');
    const en = matrixText(report('en'), 'en');
    expect(en).toContain('  × Eavesdropping on the path × No TLS: r1');
    expect(en).toContain('  ○ Fake (misissued) certificate × DANE (second run: a self-signed certificate): r2');
  });

  it('titles a second run by its label in each language', () => {
    const spoof = ATTACKS.find((a) => a.id === 'spoofed-receiver')!;
    const title = cellScenario(spoof, DEFENSES.find((d) => d.id === 'dnssec')!, 'first-contact').title;
    expect(title).toEqual({ en: 'Spoofed receiving server (DNS) × DNSSEC (second run: first contact, no policy cached)', ja: '受信サーバーのなりすまし（DNS） × DNSSEC（2 回目：初回接続、ポリシーのキャッシュなし）' });
  });

  it('the old-TLS reason stands on its own', () => {
    const ja = renderText('ja', { key: 'matrixWhy.old-tls' });
    expect(ja).toBe('安全だが完全ではない：読まれてはいないが、安全でないとされる TLS バージョン（1.0／1.1）で送られた');
    expect(english({ key: 'matrixWhy.old-tls' })).toBe('Safe but not complete: not read, but sent over a TLS version deemed unsafe (1.0/1.1)');
  });
});
