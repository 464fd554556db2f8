// A mistake in a scenario or lab file is reported as FILE:LINE:COLUMN: what is wrong, pointing at
// the key or value itself, and `smtp-lab run` starts nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labSchema } from '../../../engine/course/lab-schema.ts';
import { scenarioSchema } from '../../../engine/scenario/scenario-schema.ts';
import { problemLine, problemText } from '../../../engine/scenario/content-problem.ts';
import { parseYamlText } from '../../../engine/scenario/yaml-parse.ts';

const cli = resolve(import.meta.dirname, '../../../bin/smtp-lab.js');

const problems = (text: string, schema = scenarioSchema) => {
  const result = parseYamlText('s.yaml', text, schema);
  return result.ok ? [] : result.problems.map(problemText);
};

/** The same problems as a Japanese reader gets them. */
const problemsJa = (text: string, schema = scenarioSchema) => {
  const result = parseYamlText('s.yaml', text, schema);
  return result.ok ? [] : result.problems.map((p) => problemLine(p, 'ja'));
};

const TITLE = 'title:\n  en: t\n  ja: t\n';

const labWith = (check: string) =>
  `number: 1\ntitle: {en: t, ja: t}\nsummary: {en: s, ja: s}\nscenario: x\nsteps:\n  - id: a\n    title: {en: t, ja: t}\n    check:\n${check}solution:\n  - run: "true"\n`;

describe('scenario file errors', () => {
  it('names the line and column of a wrong value', () => {
    expect(problems(`${TITLE}sender:\n  policy: mta-sts-please\nexpect:\n  delivered: true\n`)).toEqual([
      's.yaml:5:11: sender.policy: Invalid option: expected one of "opportunistic"|"fallback"|"mta-sts"|"dane"|"dane+mta-sts"',
    ]);
  });

  it('points at an unknown key itself', () => {
    expect(problems(`${TITLE}attack:\n  name: eavesdrop\n  parms:\n    x: y\nexpect: {}\n`)).toEqual(['s.yaml:6:3: attack: Unrecognized key: "parms"']);
  });

  it('points at the parent of a missing key', () => {
    const found = problems(`${TITLE}dns:\n  records:\n    - op: add\n      type: TXT\nexpect: {}\n`);
    expect(found).toEqual(['s.yaml:6:7: dns.records.0.name: Invalid input: expected string, received undefined']);
  });

  it('reports YAML syntax errors with their position', () => {
    const found = problems(`${TITLE}expect:\n  delivered: [true\n`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^s\.yaml:\d+:\d+: YAML: /);
  });

  it('requires expect', () => {
    expect(problems(TITLE)).toEqual(['s.yaml:1:1: expect: Invalid input: expected object, received undefined']);
  });

  it('checks a lab step check: exactly one kind, known fields', () => {
    expect(problems(labWith('      mailbox: { tls: true }\n      outbox: { policy: dane }\n'), labSchema as never)).toEqual(['s.yaml:9:7: steps.0.check: a check has exactly one of: trace, mailbox, outbox, attack, dns, zone, receiver, dkim, attacker, all, any']);
    expect(problems(labWith('      mailbox: { tsl: true }\n'), labSchema as never)).toEqual(['s.yaml:9:18: steps.0.check.mailbox: Unrecognized key: "tsl"']);
  });

  it('words each problem for a Japanese reader: YAML errors by their code, schema issues as zod words them', () => {
    expect(problemsJa(`${TITLE}expect:\n\tdelivered: true\n`)).toEqual(['s.yaml:5:1: YAML：YAML のインデントにタブは使えない。空白で字下げする']);
    expect(problemsJa(`${TITLE}attack:\n  name: eavesdrop\n  parms:\n    x: y\nexpect: {}\n`)).toEqual(['s.yaml:6:3: attack: 認識されていないキー: "parms"']);
    expect(problemsJa(TITLE)).toEqual(['s.yaml:1:1: expect: 無効な入力: objectが期待されましたが、undefinedが入力されました']);
    expect(problemsJa(labWith('      mailbox: { tls: true }\n      outbox: { policy: dane }\n'), labSchema as never)).toEqual([
      's.yaml:9:7: steps.0.check: check には次のうちちょうど 1 つを書く：trace, mailbox, outbox, attack, dns, zone, receiver, dkim, attacker, all, any',
    ]);
  });

  it('words the rules of the format itself for either reader: a record type, a step id', () => {
    const badType = `${TITLE}dns:\n  records:\n    - { op: add, name: x.example.jp, type: "1TXT", value: "v" }\nexpect: {}\n`;
    expect(problems(badType)).toEqual(['s.yaml:6:44: dns.records.0.type: a record type such as TXT or TLSA']);
    expect(problemsJa(badType)).toEqual(['s.yaml:6:44: dns.records.0.type: TXT や TLSA のようなレコードタイプを書く']);
    const badStep = labWith('      attack: { name: eavesdrop }\n').replace('  - id: a\n', '  - id: Step_A\n');
    expect(problems(badStep, labSchema as never)).toEqual(['s.yaml:6:9: steps.0.id: a step id is lower-case letters, digits and dashes']);
    expect(problemsJa(badStep, labSchema as never)).toEqual(['s.yaml:6:9: steps.0.id: ステップの id は英小文字・数字・ハイフンで書く']);
  });

  it('keeps the YAML parser\'s English for an error code the catalogue does not word', () => {
    const twoAnchors = `${TITLE}expect: &a &b {}\n`;
    expect(problems(twoAnchors)).toEqual(['s.yaml:4:12: YAML: A node can have at most one anchor']);
    expect(problemsJa(twoAnchors)).toEqual(problems(twoAnchors));
  });

  it('smtp-lab run prints FILE:LINE:COLUMN and starts no lab', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smtp-lab-bad-scenario-'));
    try {
      const file = join(dir, 'bad.yaml');
      writeFileSync(file, `${TITLE}attack:\n  name: eavesdropping\nexpect: {}\n`);
      const run = spawnSync(process.execPath, [cli, 'run', file], { encoding: 'utf8', env: { ...process.env, SMTP_LAB_DATA: dir } });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`${file}:5:9: attack.name: Invalid option`);
      expect(run.stdout).toBe('');
      // No lab started: it would have made keys in the data directory.
      expect(spawnSync('ls', [dir], { encoding: 'utf8' }).stdout.trim()).toBe('bad.yaml');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
