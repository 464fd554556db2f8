// What the CLI prints about a running lab, in the learner's language: `smtp-lab serve` itself, and
// the lab terminal's commands run against it (lab receiver, dkim, isp, dmarc, dns, policy, reset),
// the lab's refusals of a request (sent as catalogue Texts by the HTTP API), `labdig --json` and
// `dns query` whose free text follows the language while the keys stay, and `dns serve`. Under ja
// each is Japanese with no English sentence; under en it is the English sentence.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabRunInfo } from '../../../common/lab.ts';
import { japaneseProblems } from '../../support/english-sentences.ts';
import { smtpLab } from '../../support/smtp-lab-cli.ts';
import { spawnCli, type RunningCli } from '../../support/spawn-cli.ts';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-ja-lab-'));
let serve: RunningCli;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  serve = spawnCli(['serve', '--no-open'], 'ja', { SMTP_LAB_DATA: dataDir });
  await serve.waitFor(/^Ctrl-C で停止します。$/, 60_000);
  env = { SMTP_LAB_DATA: dataDir, SMTP_LAB_RUN: join(dataDir, 'runs', `${serve.process.pid}.json`) };
}, 90_000);
afterAll(async () => {
  await serve.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The lab terminal's `lab ARGS` in both languages. */
const both = (args: string[]) => Promise.all([smtpLab(args, 'ja', env), smtpLab(args, 'en', env)]);

describe('smtp-lab serve', () => {
  it('says it is running, where to open it and how to stop it in Japanese', () => {
    const lines = serve.stdout().trimEnd().split('\n');
    expect(lines[0]).toBe('SMTP Lab が起動しました。');
    expect(lines[1]).toMatch(/^ {2}開く：http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}mx\.example\.jp のポート 25 は 127\.0\.0\.1:\d+（すべてのホスト：smtp-lab hosts）$/));
    expect(lines.at(-1)).toBe('Ctrl-C で停止します。');
    expect(lines.flatMap((l) => japaneseProblems(l.replace(/http\S+/, '')))).toEqual([]);
    expect(serve.stderr()).toBe('');
  });
});

describe('lab commands against the running lab', () => {
  it.each([
    [['lab', 'receiver'], ['mx.example.jp は current の鍵を提示している', 'TLSA レコードにない'], ['mx.example.jp presents its current key', 'not in the TLSA records']],
    [['lab', 'dkim'], ['sender.example はセレクタ mail1（current）で署名している', '公開済み  <- 署名に使用中', '未公開'], ['sender.example signs with selector mail1 (current)', 'published  <- signing', 'NOT published']],
    [['lab', 'dkim', 'record', 'next'], ['# 公開するには：lab dns add mail2._domainkey.sender.example TXT'], ['# to publish it: lab dns add mail2._domainkey.sender.example TXT']],
    [['lab', 'isp'], ['OP25B オフ：端末からポート 25 に直接つながる'], ['OP25B off: the terminal reaches port 25 directly']],
    [
      ['lab', 'dmarc', 'show'],
      ['example.jp（mx.example.jp）の DMARC 集計レポート', '前回のレポート以降に数えたもの：なし。DMARC の milter（smtpd_milters）をオンにしてメールを送ってください。', '作ったレポートはまだない。'],
      ['DMARC aggregate reports of example.jp (mx.example.jp)', 'Counted since the last reports: nothing.', 'No reports built yet.'],
    ],
    [['lab', 'dmarc', 'send'], ['報告するものがない：前回のレポート以降、rua= のあるドメインの DMARC 評価がない。'], ['Nothing to report: no DMARC evaluation of a domain with rua= since the last reports.']],
  ])('%j', { timeout: 60_000 }, async (args, ja, en) => {
    const [japanese, english] = await both(args);
    expect(japanese.code).toBe(0);
    for (const line of ja) expect(japanese.stdout).toContain(line);
    // The record and key data are data; the sentences around them are Japanese.
    const prose = japanese.stdout.split('\n').filter((l) => !/^mail2\._domainkey/.test(l));
    expect(prose.flatMap((l) => japaneseProblems(l))).toEqual([]);
    expect(english.code).toBe(0);
    for (const line of en) expect(english.stdout).toContain(line);
    expect(english.stdout).not.toMatch(JAPANESE);
  });

  it('lab dns add, delete and mode say what changed in the zone', { timeout: 60_000 }, async () => {
    const name = '_i18n.example.jp';
    const add = (lang: 'ja' | 'en') => smtpLab(['lab', 'dns', 'add', name, 'TXT', '"hello"'], lang, env);
    const remove = (lang: 'ja' | 'en') => smtpLab(['lab', 'dns', 'delete', name, 'TXT'], lang, env);
    expect((await add('ja')).stdout).toMatch(/^ゾーン example\.jp：_i18n\.example\.jp の TXT に "hello" を追加した（シリアル \d+、ゾーンを再署名）\n$/);
    expect((await remove('ja')).stdout).toMatch(/^ゾーン example\.jp：_i18n\.example\.jp の TXT を削除した（シリアル \d+、ゾーンを再署名）\n$/);
    expect((await add('en')).stdout).toMatch(/^zone example\.jp: TXT _i18n\.example\.jp added -> "hello" \(serial \d+, zone re-signed\)\n$/);
    expect((await remove('en')).stdout).toMatch(/^zone example\.jp: TXT _i18n\.example\.jp deleted \(serial \d+, zone re-signed\)\n$/);
    const [ja, en] = await both(['lab', 'dns', 'mode', 'example.jp', 'signed']);
    expect(ja.stdout).toBe('ゾーン example.jp：signed -> signed\n');
    expect(en.stdout).toBe('zone example.jp: signed -> signed\n');
  });

  it('lab policy set names the problems of the policy it serves, and lab reset puts it back', { timeout: 60_000 }, async () => {
    const file = join(dataDir, 'bad-policy.txt');
    writeFileSync(file, 'version: STSv1\nmode: sometimes\n');
    const ja = await smtpLab(['lab', 'policy', 'set', file], 'ja', env);
    expect(ja.stdout).toContain('  問題（2 行目）：mode「sometimes」は');
    expect(ja.stdout).toContain('  問題：ポリシーに「max_age」フィールドがない');
    const problems = ja.stdout.split('\n').filter((l) => l.startsWith('  問題'));
    expect(problems.flatMap((l) => japaneseProblems(l))).toEqual([]);
    expect((await smtpLab(['lab', 'policy', 'set', file], 'en', env)).stdout).toMatch(/^ {2}problem \(line 2\): .*sometimes.* \[RFC 8461 §3\.2\]$/m);
    expect(await smtpLab(['lab', 'policy', 'set', join(dataDir, 'missing.txt')], 'ja', env)).toMatchObject({ code: 1, stderr: `lab policy: ${join(dataDir, 'missing.txt')} を読めない：ENOENT\n` });
    expect((await smtpLab(['lab', 'reset'], 'ja', env)).stdout).toBe('実習環境を最初の状態に戻した\n');
    expect((await smtpLab(['lab', 'reset'], 'en', env)).stdout).toBe('the lab is back to its start\n');
  });

  it.each([
    [['lab', 'checker', 'bad domain!'], 'smtp-lab lab: /api/checker：domain にはドメイン名を指定する', 'smtp-lab lab: /api/checker: domain must be a domain name'],
    [['lab', 'dns', 'mode', 'example.jp', 'nosuch'], 'smtp-lab lab: /api/dns/mode：未知のモード「nosuch」。', 'smtp-lab lab: /api/dns/mode: '],
    [['lab', 'arc', 'trust', 'not a name'], 'smtp-lab lab: /api/arc：trust と untrust にはドメイン名のリストを指定する', 'smtp-lab lab: /api/arc: trust and untrust: lists of domain names'],
    [['lab', 'solve', '--here', 'Not-A-Lab!'], 'smtp-lab lab: /api/lab/solve：id：実習の名前ではない', 'smtp-lab lab: /api/lab/solve: id: not a lab name'],
  ])('the lab refuses %j in the learner\'s language', { timeout: 60_000 }, async (args, ja, en) => {
    const [japanese, english] = await both(args);
    expect(japanese.code).toBe(1);
    expect(japanese.stderr.startsWith(ja)).toBe(true);
    expect(japaneseProblems(japanese.stderr.replace(/\{[^}]*\}/g, ''))).toEqual([]);
    expect(english.code).toBe(1);
    expect(english.stderr.startsWith(en)).toBe(true);
    expect(english.stderr).not.toMatch(JAPANESE);
  });

  it('labdig --json and dns query --json keep their keys; the reasons follow the language', { timeout: 60_000 }, async () => {
    const run = JSON.parse(readFileSync(env.SMTP_LAB_RUN!, 'utf8')) as LabRunInfo;
    const nsPort = String(run.hosts['ns.example.jp'].ports['53']);
    for (const args of [['labdig', 'example.jp', 'MX', '--json'], ['dns', 'query', 'example.jp', 'MX', '--json', '--server', nsPort]]) {
      const [ja, en] = (await both(args)).map((r) => JSON.parse(r.stdout) as { reason: string; chain: { reason: string }[] });
      expect(Object.keys(ja)).toEqual(Object.keys(en));
      expect(ja.reason).toMatch(JAPANESE);
      expect(japaneseProblems(ja.reason)).toEqual([]);
      expect(ja.chain.length).toBeGreaterThan(0);
      for (const link of ja.chain) expect(link.reason).toMatch(JAPANESE);
      expect(en.reason).not.toMatch(JAPANESE);
      expect(en.chain.map((l) => l.reason).join(' ')).not.toMatch(JAPANESE);
    }
    const text = await smtpLab(['dns', 'query', 'example.jp', 'MX', '--server', nsPort], 'ja', env);
    expect(text.stdout.split('\n')[0]).toBe(`; labdig example.jp. MX  (127.0.0.1 のポート ${nsPort} の実習用 DNS)`);
  });
});

describe('--json in the learner\'s language', () => {
  it('lab checker --json: the same keys, each item\'s detail in the language', { timeout: 120_000 }, async () => {
    type Report = { items: { id: string; detail: string; detailText?: unknown }[] };
    const [ja, en] = (await both(['lab', 'checker', 'example.jp', '--json'])).map((r) => JSON.parse(r.stdout) as Report);
    expect(Object.keys(ja)).toEqual(Object.keys(en));
    expect(ja.items.map((i) => i.id)).toEqual(en.items.map((i) => i.id));
    const said = ja.items.filter((i) => i.detailText !== undefined);
    expect(said.length).toBeGreaterThan(5);
    for (const item of said) expect(item.detail, item.id).toMatch(JAPANESE);
    expect(en.items.map((i) => i.detail).join(' ')).not.toMatch(JAPANESE);
  });
});

describe('smtp-lab run --compare', () => {
  it('tells where the runs part and what became of the message in the language; --json keeps its keys', { timeout: 120_000 }, async () => {
    const args = ['run', 'scenarios/fake-certificate-misissued-vs-mta-sts.yaml', '--toggle', 'sender.policy=dane', '--compare'];
    const ja = await smtpLab(args, 'ja', { SMTP_LAB_DATA: dataDir });
    expect(ja.code).toBe(0);
    const [headline, runs] = ja.stdout.trimEnd().split('\n').slice(-2);
    expect(headline).toMatch(/^強調した手順で 2 つの実行が分かれる。sender\.policy=dane にした場合：RFC 7672 §3：.*メッセージ：TLSv1\.3 で配送され、攻撃者に読まれた → 配送されなかった（RFC 7672 §3）。$/);
    expect(runs).toMatch(/^実行：\S+\.left（smtp-lab matrix show \S+\.left）、\S+\.right$/);
    expect([headline, runs].flatMap((l) => japaneseProblems(l))).toEqual([]);
    const en = JSON.parse((await smtpLab([...args, '--json'], 'en', { SMTP_LAB_DATA: dataDir })).stdout) as { headline: string };
    expect(en.headline).toMatch(/^The runs part at the highlighted step; with sender\.policy=dane: RFC 7672 §3: .* The message: delivered over TLSv1\.3, and the attacker read it → not delivered \(RFC 7672 §3\)\.$/);
  });
});

describe('smtp-lab dns serve', () => {
  it.each([
    ['ja', /^実習用 DNS：127\.0\.0\.1 のポート \d+（UDP と TCP）、ゾーン：\. jp example\.jp/, /^試す：dig @127\.0\.0\.1 -p \d+ \+dnssec example\.jp MX$/],
    ['en', /^lab DNS on 127\.0\.0\.1 port \d+ \(UDP and TCP\), zones: \. jp example\.jp/, /^try: dig @127\.0\.0\.1 -p \d+ \+dnssec example\.jp MX$/],
  ] as const)('%s', { timeout: 60_000 }, async (lang, first, second) => {
    const dns = spawnCli(['dns', 'serve'], lang, { SMTP_LAB_DATA: dataDir });
    try {
      await dns.waitFor(/delv @127\.0\.0\.1/);
      const lines = dns.stdout().split('\n');
      expect(lines[0]).toMatch(first);
      expect(lines[1]).toMatch(second);
      // The second command lines up under the first, whatever the width of the label.
      expect(lines[2].indexOf('smtp-lab dns anchor')).toBe(lang === 'ja' ? '試す：'.length * 2 : 'try: '.length);
    } finally {
      await dns.stop();
    }
  });
});

describe('smtp-lab serve in English', () => {
  it('says it is running, and stops on SIGTERM saying so', { timeout: 90_000 }, async () => {
    const english = spawnCli(['serve', '--no-open'], 'en', { SMTP_LAB_DATA: dataDir });
    try {
      await english.waitFor(/^Press Ctrl-C to stop\.$/, 60_000);
      const lines = english.stdout().trimEnd().split('\n');
      expect(lines[0]).toBe('SMTP Lab is running.');
      expect(lines[1]).toMatch(/^ {2}Open: http:\/\/127\.0\.0\.1:\d+\/\?token=/);
      expect(lines).toContainEqual(expect.stringMatching(/^ {2}mx\.example\.jp port 25 is 127\.0\.0\.1:\d+ \(all hosts: smtp-lab hosts\)$/));
    } finally {
      expect(await english.stop()).toBe(0);
    }
    expect(english.stdout()).toMatch(/\nSIGTERM: stopping the lab\n$/);
  });

  it('the Japanese lab says it stops', { timeout: 30_000 }, async () => {
    expect(await serve.stop()).toBe(0);
    expect(serve.stdout()).toMatch(/\nSIGTERM：実習環境を止めています\n$/);
  });
});
