// The CLI's refusals in the learner's language, run as the real command: a wrong language, an
// unknown command, an option Node's parseArgs refused, a port, a file it cannot read or that is too
// large, no running lab. Under ja each is Japanese with no English sentence (option names, files and
// values stay as typed); under en it is the English sentence.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { japaneseProblems } from '../../support/english-sentences.ts';
import { smtpLab } from '../../support/smtp-lab-cli.ts';

// No run file and no lab in this data directory: every command below refuses before it needs one.
const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-errors-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const env = { SMTP_LAB_DATA: dataDir, SMTP_LAB_RUN: '' };

const CASES: { args: string[]; code: number; ja: string; en: string }[] = [
  { args: ['--lang', 'fr', 'hosts'], code: 2, ja: 'smtp-lab: --lang には ja か en を指定する（「fr」は使えない）', en: 'smtp-lab: --lang takes ja or en, not "fr"' },
  { args: ['no-such-command'], code: 2, ja: 'smtp-lab: 「no-such-command」というコマンドはない。一覧：smtp-lab help', en: 'smtp-lab: unknown command "no-such-command". Try: smtp-lab help' },
  { args: ['hosts', '--bogus'], code: 2, ja: 'smtp-lab hosts: --bogus というオプションはない', en: 'smtp-lab hosts: unknown option --bogus' },
  { args: ['hosts', '--json=1'], code: 2, ja: 'smtp-lab hosts: オプション --json は値をとらない', en: 'smtp-lab hosts: option --json takes no value' },
  { args: ['mailq', 'extra'], code: 2, ja: 'smtp-lab mailq: 余分な引数「extra」：ここではオプションしか指定できない', en: 'smtp-lab mailq: unexpected argument "extra": this command takes only options here' },
  { args: ['dns', 'serve', '--port'], code: 2, ja: 'smtp-lab dns: オプション --port には値が必要', en: 'smtp-lab dns: option --port needs a value' },
  { args: ['send', '--from', 'a@sender.example', '--to', 'b@example.jp', '--subject'], code: 2, ja: 'smtp-lab send: オプション --subject には値が必要', en: 'smtp-lab send: option --subject needs a value' },
  { args: ['checker', '--bogus'], code: 2, ja: 'checker: --bogus というオプションはない', en: 'checker: unknown option --bogus' },
  { args: ['postconf', '--bogus'], code: 2, ja: 'postconf: --bogus というオプションはない', en: 'postconf: unknown option --bogus' },
  { args: ['smtp', 'mx.example.jp', '99999'], code: 2, ja: 'smtp: 「99999」はポート番号ではない（1〜65535）', en: 'smtp: "99999" is not a port number (1-65535)' },
  { args: ['serve', '--port', '99999'], code: 2, ja: 'smtp-lab serve: --port 99999：ポート番号ではない（空いているポートなら 0、それ以外は 1〜65535）', en: 'smtp-lab serve: --port 99999: not a port number (0 for any free port, else 1-65535)' },
  { args: ['dns', 'query', 'example.jp', 'MX', '--server', '0'], code: 1, ja: 'smtp-lab dns: 「0」はポート番号ではない（1〜65535）', en: 'smtp-lab dns: "0" is not a port number (1-65535)' },
  { args: ['hosts'], code: 1, ja: 'smtp-lab hosts: 動いている実習環境が見つからない。起動するには：npm start（または smtp-lab serve）', en: 'smtp-lab hosts: no running lab found. Start one with: npm start  (or: smtp-lab serve)' },
  { args: ['postconf', '-e', 'smtpd_tls_security_level = may'], code: 1, ja: 'postconf: 変更できる実習環境が動いていない。起動するには：npm start（または smtp-lab serve）', en: 'postconf: no running lab to change. Start one with: npm start  (or: smtp-lab serve)' },
  { args: ['mta-sts', 'parse', '/nonexistent/policy.txt'], code: 1, ja: 'smtp-lab mta-sts: /nonexistent/policy.txt を読めない：ENOENT', en: 'smtp-lab mta-sts: cannot read /nonexistent/policy.txt: ENOENT' },
  {
    args: ['mta-sts', 'parse', '/dev/zero'],
    code: 1,
    ja: 'smtp-lab mta-sts: /dev/zero は大きすぎる：MTA-STS ポリシー（送信側が取得する上限と同じ）の上限は 65536 バイト',
    en: 'smtp-lab mta-sts: /dev/zero is larger than 65536 bytes, the limit for an MTA-STS policy (the sender fetches at most as much)',
  },
  { args: ['dane', 'tlsa', '/nonexistent/cert.pem', '3', '1', '1'], code: 1, ja: 'smtp-lab dane: /nonexistent/cert.pem から証明書を読めない：ENOENT', en: 'smtp-lab dane: cannot read a certificate from /nonexistent/cert.pem: ENOENT' },
  {
    args: ['dane', 'tlsa', '/nonexistent/cert.pem', '3', '7', '1'],
    code: 2,
    ja: 'smtp-lab dane: セレクタ 7 は未知の値。0（証明書全体）か 1（SubjectPublicKeyInfo）を使う（RFC 6698 §2.1.2）',
    en: 'smtp-lab dane: selector 7 is unknown; use 0 (full certificate) or 1 (SubjectPublicKeyInfo) (RFC 6698 §2.1.2)',
  },
  { args: ['matrix', 'show', 'm0-nothing'], code: 1, ja: 'smtp-lab matrix show: 「m0-nothing」という実行はない（保存されるのは新しいマトリクスの実行だけ）', en: 'smtp-lab matrix show: no run "m0-nothing" (only the newest matrix runs are kept)' },
  {
    args: ['run', 'scenarios/eavesdrop-vs-opportunistic.yaml', '--toggle', 'nonsense', '--compare'],
    code: 2,
    ja: 'smtp-lab run --toggle: 変更は KEY=VALUE、main.cf+=LINE、main.cf-=LINE のどれかの形で書く（「nonsense」は使えない）',
    en: 'smtp-lab run --toggle: a toggle is KEY=VALUE, main.cf+=LINE or main.cf-=LINE, not "nonsense"',
  },
];

describe('CLI refusals in the learner\'s language', () => {
  it.each(CASES)('$args', { timeout: 60_000 }, async ({ args, code, ja, en }) => {
    const [japanese, english] = await Promise.all([smtpLab(args, 'ja', env), smtpLab(args, 'en', env)]);
    expect(japanese.code).toBe(code);
    expect(japanese.stderr.split('\n')[0]).toBe(ja);
    expect(japaneseProblems(ja)).toEqual([]);
    expect(english.code).toBe(code);
    expect(english.stderr.split('\n')[0]).toBe(en);
  });

  it('--lang ja on the command line wins over the environment', { timeout: 60_000 }, async () => {
    const result = await smtpLab(['hosts', '--bogus', '--lang', 'ja'], 'en', env);
    expect(result.stderr).toBe('smtp-lab hosts: --bogus というオプションはない\n');
  });
});
