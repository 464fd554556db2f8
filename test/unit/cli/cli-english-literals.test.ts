// No English sentence is written straight into what the CLI prints: every sentence goes through
// the catalogue (common/i18n), so a Japanese learner reads it in Japanese. The scan reads the
// syntax tree of the code that prints for the learner (the CLI, `lab solve`, the HTTP API's
// refusals, toggles and comparisons) and must find what an English literal looks like.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { englishLiterals } from '../../support/cli-literals.ts';

const root = resolve(import.meta.dirname, '../../..');
const PRINTING = [
  'engine/cli',
  'engine/course/solve.ts',
  'engine/api/lab-actions.ts',
  'engine/api/course-api.ts',
  'engine/api/checker-api.ts',
  'engine/api/arc-api.ts',
  'engine/api/matrix-api.ts',
  'engine/scenario/toggle.ts',
  'engine/scenario/compare-runs.ts',
];

function sources(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path).flatMap((name) => (statSync(join(path, name)).isDirectory() ? sources(join(path, name)) : name.endsWith('.ts') ? [join(path, name)] : []));
}

describe('English literals in the CLI', () => {
  it('finds a sentence written straight out, and leaves the catalogue, summaries, usage syntax and names alone', () => {
    const code = [
      "export const summary = 'receiver [key current|next]: the key mx.example.jp presents to its clients';",
      "process.stdout.write(reply.active ? `lab ${id}: back to its start\\n` : 'the lab is back to its start\\n');",
      "process.stdout.write(`${say(text('labResetCli.all'))}\\n`);",
      "const usage = 'usage: lab solve NAME [--json] [--here]\\n       lab dns add|replace|delete NAME TYPE [VALUE] | lab dns mode ZONE MODE';",
      "const subject = v.subject ?? 'SMTP Lab test message';",
      "// the lab is back to its start: a comment is not output",
      "throw new Error(`${path} is larger than ${max} bytes, the limit for ${what}`);",
    ].join('\n');
    expect(englishLiterals('example.ts', code).map((h) => [h.line, h.text])).toEqual([
      [2, ': back to its start\n'],
      [2, 'the lab is back to its start\n'],
      [7, ' bytes, the limit for '],
    ]);
  });

  it('finds none in the code that prints for the learner', () => {
    const hits = PRINTING.flatMap((path) => sources(join(root, path))).flatMap((file) => englishLiterals(file));
    expect(hits.map((h) => `${relative(root, h.file)}:${h.line}: ${JSON.stringify(h.text)}`)).toEqual([]);
  });
});
