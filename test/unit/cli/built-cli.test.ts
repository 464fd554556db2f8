// The CLI as npm install builds it (bin/build-engine.js): the same commands and summaries as the
// sources, the course and scenario files found from the build's folder, and a build that is
// not used once a source in it changed.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript without types
import { buildEngine } from '../../../bin/build-engine.js';
// @ts-expect-error: plain JavaScript without types
import { isBuildCurrent } from '../../../bin/build-freshness.js';

const root = resolve(import.meta.dirname, '../../..');
// Two folders below the root, as dist/cli is; a folder of its own so a running lab's build is left alone.
const outDir = join(root, 'dist', `cli-test-${process.pid}`);
const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-built-cli-'));

function run(args: string[], built: boolean): Promise<{ code: number; stdout: string; stderr: string }> {
  const script = built
    ? `const { main, builtCatalog } = await import(${JSON.stringify(join(outDir, 'main.js'))}); process.exitCode = await main(process.argv.slice(1), builtCatalog(${JSON.stringify(outDir)}));`
    : null;
  const argv = built ? ['--input-type=module', '-e', script!, ...args] : [join(root, 'bin', 'smtp-lab.js'), ...args];
  return new Promise((done) => {
    execFile(process.execPath, argv, { cwd: tmpdir(), env: { ...process.env, SMTP_LAB_DATA: dataDir, SMTP_LAB_FROM_SOURCE: '1', SMTP_LAB_LANG: 'en' }, timeout: 60_000 }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  await buildEngine(outDir);
}, 120_000);
afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the built CLI', () => {
  it('lists the same commands with the same summaries as the sources', { timeout: 60_000 }, async () => {
    const [built, source] = await Promise.all([run(['help'], true), run(['help'], false)]);
    expect(built.code).toBe(0);
    expect(built.stdout).toBe(source.stdout);
    expect(built.stdout).toMatch(/^ {2}labdig +labdig NAME/m);
  });

  it('finds the guided labs and the Postfix defaults from its own folder', { timeout: 60_000 }, async () => {
    const labs = await run(['lab', 'list'], true);
    expect(labs.stderr).toBe('');
    expect(labs.stdout).toMatch(/01-smtp-by-hand/);
    const postconf = await run(['postconf', '-d', 'postscreen_greet_wait'], true);
    expect(postconf.stdout).toBe('postscreen_greet_wait = ${stress?{2}:{6}}s\n');
  });

  it('lists the labs from the parsed copy in the build, loading neither the YAML parser nor mailauth', { timeout: 60_000 }, async () => {
    expect(existsSync(join(outDir, 'content-cache.json'))).toBe(true);
    const probe = `const { main, builtCatalog } = await import(${JSON.stringify(join(outDir, 'main.js'))}); await main(['lab', 'list', '--json'], builtCatalog(${JSON.stringify(outDir)}));
      const { createRequire } = await import('node:module');
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter((f) => /node_modules[\\/](yaml|mailauth)[\\/]/.test(f));
      process.stderr.write(JSON.stringify(loaded));`;
    const built = await new Promise<{ stdout: string; stderr: string }>((done, fail) =>
      execFile(process.execPath, ['--input-type=module', '-e', probe], { cwd: tmpdir(), env: { ...process.env, SMTP_LAB_DATA: dataDir, SMTP_LAB_LANG: 'en' }, timeout: 60_000 }, (error, stdout, stderr) => (error ? fail(error) : done({ stdout, stderr }))),
    );
    expect(built.stderr).toBe('[]');
    const source = await run(['lab', 'list', '--json'], false);
    expect(JSON.parse(built.stdout)).toEqual(JSON.parse(source.stdout));
  });

  it('refuses an unknown command as the sources do', { timeout: 60_000 }, async () => {
    const result = await run(['no-such-command'], true);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command "no-such-command"/);
  });
});

describe('build freshness', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'smtp-lab-freshness-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('is current until a source in it, or the commands folder, changes', () => {
    mkdirSync(join(scratch, 'engine', 'cli', 'commands'), { recursive: true });
    mkdirSync(join(scratch, 'dist', 'cli'), { recursive: true });
    writeFileSync(join(scratch, 'engine', 'a.ts'), 'export const a = 1;\n');
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(scratch, 'engine', 'a.ts'), past, past);
    utimesSync(join(scratch, 'engine', 'cli', 'commands'), past, past);
    const info = { builtAt: Date.now() - 1000, inputs: ['engine/a.ts'], dirs: ['engine/cli/commands'] };
    writeFileSync(join(scratch, 'dist', 'cli', 'build-info.json'), JSON.stringify(info));
    expect(isBuildCurrent(scratch, join(scratch, 'dist', 'cli'))).toBe(true);
    writeFileSync(join(scratch, 'engine', 'cli', 'commands', 'new.ts'), 'export const summary = "";\n');
    expect(isBuildCurrent(scratch, join(scratch, 'dist', 'cli'))).toBe(false);
    utimesSync(join(scratch, 'engine', 'cli', 'commands'), past, past);
    expect(isBuildCurrent(scratch, join(scratch, 'dist', 'cli'))).toBe(true);
    writeFileSync(join(scratch, 'engine', 'a.ts'), 'export const a = 2;\n');
    expect(isBuildCurrent(scratch, join(scratch, 'dist', 'cli'))).toBe(false);
    rmSync(join(scratch, 'dist', 'cli', 'build-info.json'));
    expect(isBuildCurrent(scratch, join(scratch, 'dist', 'cli'))).toBe(false);
  });
});
