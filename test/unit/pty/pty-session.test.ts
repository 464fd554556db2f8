// Lab terminals: a real shell in a pty, the lab's tools on PATH, flow control, exit.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PtyManager } from '../../../engine/pty/pty-manager.ts';
import { HIGH_WATERMARK } from '../../../engine/pty/pty-session.ts';
import { userShell, terminalEnv, utf8Ctype } from '../../../engine/pty/shell.ts';
import { installLearnerTools } from '../../../engine/cli/learner-tools.ts';

function until(check: () => boolean, ms = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      if (check()) return resolve();
      if (Date.now() - started > ms) return reject(new Error('timed out'));
      setTimeout(poll, 10);
    };
    poll();
  });
}

describe.runIf(process.platform !== 'win32')('lab terminal', () => {
  let dataDir: string;
  let manager: PtyManager;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-pty-'));
    const toolsDir = installLearnerTools(dataDir);
    manager = new PtyManager({ toolsDir, runFile: join(dataDir, 'runs', '1.json'), shell: { file: '/bin/sh', args: [] }, cwd: dataDir });
  });
  afterAll(() => {
    manager.killAll();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs a shell with the lab tools first on PATH, echoes, and reports its exit', async () => {
    let output = '';
    let exit: number | null = null;
    const pty = manager.open(100, 30, { data: (d) => (output += d), exit: (code) => (exit = code) });
    pty.write('echo "run=$SMTP_LAB_RUN term=$TERM sum=$((40+2))"; command -v smtp\r');
    await until(() => output.includes('sum=42') && output.includes('/tools/bin/smtp'));
    expect(output).toContain(`run=${join(dataDir, 'runs', '1.json')} term=xterm-256color sum=42`);
    expect(output).toContain(join(dataDir, 'tools', 'bin', 'smtp'));
    pty.write('exit 3\r');
    await until(() => exit !== null);
    expect(exit).toBe(3);
    expect(manager.size).toBe(0);
  });

  it('speaks the language of the UI, and switches with it in the shell already open', async () => {
    let output = '';
    const pty = manager.open(100, 30, { data: (d) => (output += d), exit: () => {} }, 'en');
    const usage = async (marker: string) => {
      pty.write(`labdig; echo "${marker} pinned=[$SMTP_LAB_LANG]"\r`);
      await until(() => output.includes(`${marker} pinned=[]`), 20_000);
      return output.slice(0, output.indexOf(`${marker} pinned=[]`));
    };
    expect(await usage('FIRST')).toMatch(/e\.g\. labdig _25\._tcp/);
    const langFile = join(dataDir, 'runs', '1.json.terminal-' + pty.id + '.lang');
    expect(readFileSync(langFile, 'utf8')).toBe('en');
    output = '';
    pty.setLocale('ja');
    expect(await usage('SECOND')).toMatch(/例：labdig _25\._tcp/);
    pty.kill();
    await until(() => !existsSync(langFile));
  }, 60_000);

  it('pauses a flood of output until the renderer acknowledges it', async () => {
    let received = 0;
    let output = '';
    const pty = manager.open(80, 24, { exit: () => {}, data: (d) => ((received += d.length), (output = (output + d).slice(-200))) });
    pty.write('head -c 600000 /dev/zero | tr "\\0" x; echo; echo "FLOOD-$((6*7))"\r');
    await until(() => pty.isPaused);
    await new Promise((r) => setTimeout(r, 200));
    // Stopped near the high watermark instead of running to the end.
    expect(received).toBeLessThan(HIGH_WATERMARK * 2);
    let acked = 0;
    await until(() => {
      pty.ack(received - acked);
      acked = received;
      return output.includes('FLOOD-42');
    });
    expect(received).toBeGreaterThan(600000);
    pty.kill();
  });

  it('kills every terminal when the lab closes', async () => {
    const exits: number[] = [];
    manager.open(80, 24, { data: () => {}, exit: (c) => exits.push(c) });
    manager.open(80, 24, { data: () => {}, exit: (c) => exits.push(c) });
    manager.killAll();
    await until(() => exits.length === 2);
    expect(manager.size).toBe(0);
  });
});

describe('shell choice and terminal environment', () => {
  it('prefers $SHELL, then bash, then sh', () => {
    expect(userShell({ SHELL: '/bin/sh' }, 'linux').file).toBe('/bin/sh');
    expect(userShell({ SHELL: '/no/such/shell', PATH: '/bin:/usr/bin' }, 'linux').file).toMatch(/bash$/);
    expect(userShell({ PATH: '/nowhere' }, 'linux').file).toBe('/bin/sh');
  });

  it('gives the shell a UTF-8 character type so typed Japanese is text, not Meta keys', () => {
    expect(utf8Ctype({ LANG: 'en_US.UTF-8' }, 'linux')).toEqual({ LC_CTYPE: 'C.UTF-8' });
    expect(utf8Ctype({}, 'darwin')).toEqual({ LC_CTYPE: 'UTF-8' });
    expect(utf8Ctype({ LC_CTYPE: 'ja_JP.UTF-8' }, 'linux')).toEqual({});
    expect(utf8Ctype({ LC_ALL: 'C' }, 'linux')).toEqual({ LC_ALL: 'C.UTF-8' });
    expect(utf8Ctype({ LC_ALL: 'ja_JP.utf8' }, 'linux')).toEqual({});
    expect(utf8Ctype({}, 'win32')).toEqual({});
  });

  it('puts the tools first on PATH and points at the run', () => {
    const env = terminalEnv({ PATH: '/usr/bin', HOME: '/home/x', ELECTRON_RUN_AS_NODE: '1' }, '/data/tools/bin', '/data/runs/9.json');
    expect(env.ELECTRON_RUN_AS_NODE).toBeUndefined();
    expect(env.PATH.split(':')[0]).toBe('/data/tools/bin');
    expect(env).toMatchObject({ SMTP_LAB_RUN: '/data/runs/9.json', TERM: 'xterm-256color', HOME: '/home/x' });
  });
});
