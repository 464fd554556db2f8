// `smtp-lab run` in the learner's language: under Japanese every ladder row the lab words itself
// is Japanese (a connection opened or closed, the MTA-STS policy fetched over HTTPS, the message
// stored) while the bytes stay as they went; under English the rows read as they always did. A
// scenario file's problems (YAML syntax, the schema) follow the language too, FILE:LINE:COLUMN first.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { japaneseProblems } from '../../support/english-sentences.ts';
import { smtpLab } from '../../support/smtp-lab-cli.ts';

/** MTA-STS fetched over HTTPS for the first time, then delivered over TLS: tcp, https, tls and mailbox rows. */
const SCENARIO = 'scenarios/lab-07-start.yaml';
const LAYERS = ['tcp', 'smtp', 'tls', 'dns', 'https', 'policy', 'attack', 'mailbox', 'note'];
/** A ladder row (engine/scenario/ladder-text.ts): time, mark, hop, layer, the row's sentence, then its rule. */
const ROW = new RegExp(`^ *\\d+\\.\\d{3} (?:!!|~~| {2}) .+? (${LAYERS.join('|')}) +(.*?)(?: {2}\\[[^\\]]+\\])?$`);

interface Row {
  layer: string;
  text: string;
}

function ladder(stdout: string): Row[] {
  return stdout.split('\n').flatMap((line) => {
    const m = ROW.exec(line);
    return m ? [{ layer: m[1], text: m[2] }] : [];
  });
}

const texts = (rows: Row[], layer: string) => rows.filter((r) => r.layer === layer).map((r) => r.text);

describe('smtp-lab run: the ladder', () => {
  it('is Japanese under ja wherever the lab has words, and English as before under en', { timeout: 90_000 }, async () => {
    const [ja, en] = await Promise.all([smtpLab(['run', SCENARIO], 'ja'), smtpLab(['run', SCENARIO], 'en')]);
    expect([ja.code, en.code]).toEqual([0, 0]);
    const [jaRows, enRows] = [ladder(ja.stdout), ladder(en.stdout)];
    for (const layer of ['tcp', 'https', 'mailbox']) expect(texts(jaRows, layer).length, layer).toBeGreaterThan(0);

    expect(texts(enRows, 'tcp')).toContain('TCP open mail.sender.example → mta-sts.example.jp:443');
    expect(texts(enRows, 'tcp')).toContain('FIN from mta-sts.example.jp (no more data this way)');
    expect(texts(enRows, 'tcp')).toContainEqual(expect.stringMatching(/^TCP closed \(\d+ octets →, \d+ octets ←\)$/));
    expect(texts(enRows, 'https')).toEqual(['GET /.well-known/mta-sts.txt (Host: mta-sts.example.jp)', 'GET /.well-known/mta-sts.txt -> 200 text/plain (66 bytes)']);
    expect(texts(enRows, 'mailbox')).toEqual(['Stored m1 in mx.example.jp\'s mailbox: "Board minutes" from <alice@sender.example> (TLSv1.3, TLS_AES_256_GCM_SHA384)']);

    expect(texts(jaRows, 'tcp')).toContain('TCP 接続を開始 mail.sender.example → mta-sts.example.jp:443');
    expect(texts(jaRows, 'tcp')).toContain('mta-sts.example.jp から FIN（この向きの送信は終了）');
    expect(texts(jaRows, 'https')).toEqual(['GET /.well-known/mta-sts.txt（Host: mta-sts.example.jp）', 'GET /.well-known/mta-sts.txt -> 200 text/plain（66 バイト）']);
    expect(texts(jaRows, 'mailbox')).toEqual(['mx.example.jp の受信箱に m1 を保存：件名「Board minutes」、送信者 <alice@sender.example>（TLSv1.3, TLS_AES_256_GCM_SHA384）']);

    // No row reads as an English sentence; those the lab words differ from the English run.
    expect(jaRows.flatMap((r) => japaneseProblems(r.text).map((problem) => `${r.layer}: ${problem}`))).toEqual([]);
    const english = new Set(enRows.map((r) => r.text));
    for (const layer of ['tcp', 'https', 'mailbox', 'policy']) expect(texts(jaRows, layer).filter((t) => english.has(t)), layer).toEqual([]);
    // SMTP commands and replies are the bytes themselves: the same in both runs.
    const smtpLines = (rows: Row[]) => texts(rows, 'smtp').filter((t) => /^(?:[A-Z]{4}|\d{3})\b/.test(t));
    expect(smtpLines(jaRows)).toEqual(smtpLines(enRows));
    expect(smtpLines(jaRows)).toContain('250 OK: queued as m1');
  });
});

describe('smtp-lab run: problems of a scenario file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smtp-lab-problems-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const TITLE = 'title:\n  en: t\n  ja: t\n';
  const write = (name: string, body: string) => {
    const file = join(dir, name);
    writeFileSync(file, body);
    return file;
  };

  it.each([
    [
      'a key given twice',
      `${TITLE}title:\n  en: u\nexpect: {}\n`,
      [':4:1: YAML: Map keys must be unique'],
      [':4:1: YAML：同じマッピングの中に同じキーが 2 回ある。キーは 1 回しか書けない'],
    ],
    [
      'values the schema refuses',
      `${TITLE}sender:\n  policy: mta-sts-please\nexpect:\n  delivered: maybe\n`,
      [':5:11: sender.policy: Invalid option: expected one of "opportunistic"|"fallback"|"mta-sts"|"dane"|"dane+mta-sts"', ':7:14: expect.delivered: Invalid input: expected boolean, received string'],
      [':5:11: sender.policy: 無効な選択: "opportunistic"、"fallback"、"mta-sts"、"dane"、"dane+mta-sts"のいずれかである必要があります', ':7:14: expect.delivered: 無効な入力: booleanが期待されましたが、stringが入力されました'],
    ],
  ])('%s: English as before under en, Japanese under ja', { timeout: 60_000 }, async (name, body, en, ja) => {
    const file = write(`${name.replace(/\W+/g, '-')}.yaml`, body);
    const [japanese, english] = await Promise.all([smtpLab(['run', file], 'ja'), smtpLab(['run', file], 'en')]);
    expect([japanese.code, english.code]).toEqual([2, 2]);
    expect(english.stderr.trimEnd().split('\n')).toEqual(en.map((line) => `${file}${line}`));
    expect(japanese.stderr.trimEnd().split('\n')).toEqual(ja.map((line) => `${file}${line}`));
    expect(japanese.stderr.split('\n').flatMap((line) => japaneseProblems(line.replace(file, '')))).toEqual([]);
  });
});
