// The lab's tools on the terminal's PATH are real executables that run this checkout's CLI.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { installLearnerTools, terminalTools } from '../../../engine/cli/learner-tools.ts';
import { cmdScript, shScript } from '../../../engine/tools/install-tools.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-tools-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('installLearnerTools', () => {
  it.runIf(process.platform !== 'win32')('writes smtp, lab and smtp-lab as executables that run the CLI', () => {
    const bin = installLearnerTools(dataDir);
    expect(bin).toBe(join(dataDir, 'tools', 'bin'));
    for (const name of ['smtp', 'lab', 'smtp-lab']) expect(statSync(join(bin, name)).mode & 0o111).not.toBe(0);
    const help = execFileSync(join(bin, 'smtp-lab'), ['help'], { encoding: 'utf8' });
    expect(help).toMatch(/serve +start the lab/);
    expect(help).toMatch(/smtp +talk SMTP by hand/);
    const usage = execFileSync(join(bin, 'smtp'), ['--help'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(usage).toMatch(/^usage: smtp HOST \[PORT\]/);
    expect(readFileSync(join(bin, 'lab'), 'utf8')).toMatch(/'lab' "\$@"\n$/);
  });

  it('makes smtp-lab, smtp and every lab* command a tool', () => {
    expect(terminalTools(['help', 'lab', 'labdig', 'serve', 'smtp'])).toEqual({ 'smtp-lab': [], smtp: ['smtp'], lab: ['lab'], labdig: ['labdig'] });
  });

  it('quotes paths with spaces and quotes for sh, and writes .cmd files for Windows', () => {
    expect(shScript("/opt/my node/node", "/home/o'brien/bin/smtp-lab.js", ['smtp'])).toBe(
      `#!/bin/sh\nexec '/opt/my node/node' '/home/o'\\''brien/bin/smtp-lab.js' 'smtp' "$@"\n`,
    );
    expect(cmdScript('C:\\Program Files\\nodejs\\node.exe', 'C:\\lab\\bin\\smtp-lab.js', ['lab'])).toBe(
      '@echo off\r\nsetlocal\r\n"C:\\Program Files\\nodejs\\node.exe" "C:\\lab\\bin\\smtp-lab.js" "lab" %*\r\n',
    );
  });

  it('runs Electron\'s binary as Node when the desktop app provides the runtime', () => {
    expect(shScript('/opt/SMTP Lab/electron', '/lab/bin/smtp-lab.js', ['smtp'], true)).toBe(
      `#!/bin/sh\nELECTRON_RUN_AS_NODE=1 exec '/opt/SMTP Lab/electron' '/lab/bin/smtp-lab.js' 'smtp' "$@"\n`,
    );
    expect(cmdScript('C:\\lab\\electron.exe', 'C:\\lab\\bin\\smtp-lab.js', [], true)).toContain('setlocal\r\nset ELECTRON_RUN_AS_NODE=1\r\n');
  });
});

describe('tools/bin permissions', () => {
  it.skipIf(process.platform === 'win32')('makes tools/ and tools/bin 0755 even when they existed world-writable', async () => {
    const { mkdtempSync, mkdirSync, chmodSync, statSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { installTools } = await import('../../../engine/tools/install-tools.ts');
    const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-tools-mode-'));
    mkdirSync(join(dataDir, 'tools', 'bin'), { recursive: true });
    chmodSync(join(dataDir, 'tools'), 0o777);
    chmodSync(join(dataDir, 'tools', 'bin'), 0o777);
    const bin = installTools(dataDir, { smtp: ['smtp'] });
    expect(statSync(bin).mode & 0o777).toBe(0o755);
    expect(statSync(join(dataDir, 'tools')).mode & 0o777).toBe(0o755);
  });
});
