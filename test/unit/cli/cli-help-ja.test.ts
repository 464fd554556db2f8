// `smtp-lab help` and the usage texts in the learner's language: each command's line comes from
// the catalogue (kept equal to the summary its file exports), and under ja the explanations are
// Japanese while the syntax (commands, options, placeholders) stays as it is.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ATTACK_NAMES } from '../../../common/attack.ts';
import { en } from '../../../common/i18n/en.ts';
import { text } from '../../../common/i18n/text.ts';
import { setCliLocale } from '../../../engine/cli/cli-locale.ts';
import { sourceCatalog } from '../../../engine/cli/command-catalog.ts';
import { displayWidth } from '../../../engine/cli/format/display-width.ts';
import { formatHostTable } from '../../../engine/cli/format/host-table-text.ts';
import { formatMailbox } from '../../../engine/cli/format/mailbox-text.ts';
import { formatMailq } from '../../../engine/cli/format/mailq-text.ts';
import { formatTlsRptReports } from '../../../engine/cli/format/tlsrpt-text.ts';
import { parseSendArgs } from '../../../engine/cli/send/send-args.ts';
import { digText } from '../../../engine/dns/lab/dig-format.ts';
import { japaneseProblems } from '../../support/english-sentences.ts';

const root = resolve(import.meta.dirname, '../../..');

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [join(root, 'bin', 'smtp-lab.js'), ...args], { cwd: root, env: { ...process.env, SMTP_LAB_FROM_SOURCE: '1', SMTP_LAB_LANG: 'ja', SMTP_LAB_RUN_FILE: join(root, 'no-such-run.json') }, timeout: 60_000 }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * The explanation of a usage or help line: what follows its syntax (after "：" or a run of
 * spaces), without the names and examples it lists in brackets.
 */
function explanation(line: string): string {
  const afterColon = line.lastIndexOf('：');
  const gap = /\S {2,}(\S.*)$/.exec(line.trim());
  const said = afterColon !== -1 ? line.slice(afterColon + 1) : gap ? gap[1] : line;
  return said.replace(/（[^）]*）/g, '');
}

describe('CLI help in Japanese', () => {
  it('has every command summary in the catalogue, equal to the English its file exports', async () => {
    const catalog = sourceCatalog();
    for (const name of catalog.names()) {
      const key = `cliSummary.${name}` as keyof typeof en;
      expect(Object.hasOwn(en, key), `no catalogue entry ${key}`).toBe(true);
      expect(en[key], name).toBe(await catalog.summary(name));
    }
  });

  it('smtp-lab help', { timeout: 60_000 }, async () => {
    const { code, stdout } = await cli(['help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^使い方: smtp-lab <コマンド> \[オプション\]$/m);
    expect(stdout).toMatch(/^ {2}mta-sts +MTA-STS（RFC 8461）：ポリシーファイルを解析し、mx パターンを照合する$/m);
    const lines = stdout.split('\n').filter((l) => /^ {2}\S/.test(l));
    expect(lines.length).toBeGreaterThan(15);
    expect(lines.flatMap((l) => japaneseProblems(explanation(l)))).toEqual([]);
  });

  it.each([
    [['lab'], 'usage: lab hosts'],
    [['postconf', '--help'], 'usage: smtp-lab postconf'],
    [['send', '--help'], 'usage: smtp-lab send'],
    [['checker', '--help'], 'usage: smtp-lab checker'],
  ])('%j', { timeout: 60_000 }, async (args, first) => {
    const { stdout, stderr } = await cli(args);
    const out = stdout || stderr;
    expect(out.startsWith(first)).toBe(true);
    const prose = out.split('\n').filter((l) => l.trim() !== '' && !/^\s*(usage:|smtp-lab |\[|--)/.test(l.trim()) && !/^\s+lab /.test(l) && !/^\s+\[/.test(l));
    expect(prose.flatMap((l) => japaneseProblems(l))).toEqual([]);
    const usageLines = out.split('\n').filter((l) => /^(usage: | {7})lab /.test(l));
    expect(usageLines.flatMap((l) => japaneseProblems(explanation(l)))).toEqual([]);
  });
});

describe('usage texts in Japanese', () => {
  /** Lines of a usage that explain their syntax (a run of spaces, then the explanation). */
  const explained = (out: string) => out.split('\n').filter((l) => /\S {2,}\S/.test(l.trim()));

  it.each([
    [['receiver', 'bogus'], 3, 'その鍵の証明書（PEM）を表示する'],
    [['dkim', 'bogus'], 3, 'これからはその鍵で署名する'],
    [['tlsrpt'], 2, 'これまでに作ったレポート（新しい順）'],
    [['dmarc'], 2, '各 rua にメールで送る'],
    [['smtp', '--help'], 1, '例：smtp mx.example.jp   （実習環境のホスト：lab hosts）'],
  ])('%j', { timeout: 60_000 }, async (args, count, shown) => {
    const { stdout, stderr } = await cli(args);
    const out = stdout || stderr;
    expect(out).toContain(shown);
    expect(explained(out)).toHaveLength(count);
    expect(explained(out).flatMap((l) => japaneseProblems(explanation(l)))).toEqual([]);
  });

  it.each([
    [['labdig'], '   例：labdig _25._tcp.mx.example.jp TLSA'],
    [['dns'], '  例：lab dns add _mta-sts.example.jp TXT'],
  ])('%j', { timeout: 60_000 }, async (args, shown) => {
    const { stderr } = await cli(args);
    expect(stderr).toContain(shown);
    expect(stderr).not.toMatch(/e\.g\./);
  });
});

describe('CLI errors and results in Japanese', () => {
  afterEach(() => setCliLocale('en'));

  it("send's argument errors", () => {
    setCliLocale('ja');
    const errors = [
      parseSendArgs([]),
      parseSendArgs(['--from', 'a@sender.example', '--to', 'b@example.jp', '--policy', 'sometimes']),
      parseSendArgs(['--from', 'a@sender.example', '--to', 'b@example.jp', '--attack', 'nope']),
      parseSendArgs(['--from', 'a@sender.example', '--to', 'b@example.jp', '--param', 'x=1']),
      parseSendArgs(['--from', 'a@sender.example', '--to', 'b@example.jp', '--attack', ATTACK_NAMES[0], '--param', 'x']),
      parseSendArgs(['--from', 'not an address', '--to', 'b@example.jp']),
    ];
    expect(errors[0]).toBe('--from と --to は必須');
    expect(errors[1]).toMatch(/^「sometimes」というポリシーはない。次のどれか：/);
    for (const error of errors) {
      expect(typeof error).toBe('string');
      // the names it lists are names, not English
      expect(japaneseProblems((error as string).replace(ATTACK_NAMES.join(', '), ''))).toEqual([]);
    }
  });

  it('smtp-lab mta-sts parse', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sts-ja-'));
    try {
      writeFileSync(join(dir, 'ok.txt'), 'version: STSv1\nmode: enforce\nmx: mx.example.jp\nmax_age: 99999999\nfoo: bar\n');
      writeFileSync(join(dir, 'bad.txt'), 'version: STSv1\nmode: sometimes\n');
      const ok = await cli(['mta-sts', 'parse', join(dir, 'ok.txt')]);
      expect(ok.stdout).toMatch(/^正しい MTA-STS ポリシー（RFC 8461 §3\.2）$/m);
      expect(ok.stdout).toContain('max_age: 31557600 （宣言された 99999999 を上限まで切り詰めた）');
      expect(ok.stdout).toContain('foo: bar （未知のフィールドなので無視する）');
      const bad = await cli(['mta-sts', 'parse', join(dir, 'bad.txt')]);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(/^正しくない MTA-STS ポリシー：$/m);
      expect(bad.stdout).toMatch(/^ {2}2 行目: /m);
      const match = await cli(['mta-sts', 'match', '*.example.jp', 'mx.example.jp']);
      expect(match.stdout).toMatch(/^一致: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("labdig's (cached) and (none: ...)", () => {
    const result = { name: 'example.jp', type: 'TLSA', rcode: 'NOERROR', status: 'secure', cached: true, answers: [], rrsigs: [], chain: [], reason: '', rule: '' } as unknown as Parameters<typeof digText>[0];
    const shown = digText(result, 'x', 'ja');
    expect(shown).toContain(';; status: NOERROR, dnssec: secure （キャッシュから）');
    expect(shown).toContain(';  （なし：名前は存在するが、そのタイプのレコードがない（NODATA））');
  });
});

describe('CLI formatters in Japanese', () => {
  afterEach(() => setCliLocale('en'));

  it('lab hosts: headings and hints in Japanese, the columns aligned by display width', () => {
    setCliLocale('ja');
    const table = formatHostTable({
      'mx.example.jp': { address: '192.0.2.25', role: 'receiver', ports: { '25': 40025, '587': 40587 }, accounts: [{ user: 'bob', password: 'pw', port: 587 } as never] },
      'ns.example.jp': { address: '192.0.2.53', role: 'dns', ports: { '53': 40053 } },
    });
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^名前 +実習用アドレス +役割 +実習用ポート -> ループバック$/);
    // The role column starts at the same terminal column in the heading and in a row.
    expect(displayWidth(lines[0].slice(0, lines[0].indexOf('役割')))).toBe(lines[1].indexOf('受信 MTA'));
    expect(table).toContain('mx.example.jp のアカウント（STARTTLS のあと SMTP AUTH の PLAIN、LOGIN、CRAM-MD5）：');
    expect(table).toMatch(/^試す：smtp mx\.example\.jp$/m);
    expect(japaneseProblems(table)).toEqual([]);
  });

  it('mailbox, mailq and tlsrpt', () => {
    setCliLocale('ja');
    expect(formatMailbox([])).toBe('受信箱は空です。\n');
    expect(formatMailq([])).toBe('メールキューは空です\n');
    expect(formatTlsRptReports([])).toBe('TLS-RPT レポートはまだない。メールを送ってから：smtp-lab tlsrpt send\n');
    const report = {
      id: 'r1',
      policyDomain: 'example.jp',
      builtAt: '2025-01-01T00:00:00Z',
      report: {
        'organization-name': 'sender.example',
        'date-range': { 'start-datetime': '2025-01-01T00:00:00Z', 'end-datetime': '2025-01-02T00:00:00Z' },
        policies: [{ policy: { 'policy-type': 'sts', 'policy-domain': 'example.jp' }, summary: { 'total-successful-session-count': 1, 'total-failure-session-count': 2 }, 'failure-details': [{ 'result-type': 'starttls-not-supported', 'receiving-mx-hostname': 'mx.example.jp', 'receiving-ip': '192.0.2.25', 'failed-session-count': 2 }] }],
      },
      deliveries: [{ uri: 'https://tlsrpt.example.jp/v1', ok: false, detail: 'x', detailText: text('rptSend.timeout', { host: 'tlsrpt.example.jp', ms: 30000 }) }],
    };
    const shown = formatTlsRptReports([report]);
    expect(shown).toContain('example.jp の sts ポリシー：成功 1、失敗 2');
    expect(shown).toContain('mx.example.jp [192.0.2.25] で starttls-not-supported が 2 回');
    expect(shown).toContain('-> https://tlsrpt.example.jp/v1：未送信（tlsrpt.example.jp が 30000 ミリ秒以内に応答しなかった）');
    expect(japaneseProblems(shown)).toEqual([]);
  });
});
