// `smtp-lab attack list [--json]` (and the learner's `lab attack list`) without a running lab.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ATTACK_NAMES, type AttackInfo } from '../../../common/attack.ts';

const cli = resolve(import.meta.dirname, '../../../bin/smtp-lab.js');
const run = promisify(execFile);
// No run file to find: the listing must not need one.
const smtpLab = (args: string[], lang = 'en') => run(process.execPath, [cli, ...args], { env: { ...process.env, SMTP_LAB_RUN: '', SMTP_LAB_DATA: '/nonexistent-smtp-lab-data', SMTP_LAB_LANG: lang } });

describe('smtp-lab attack list', () => {
  it('--json gives every attack with its parameters, the default value first', async () => {
    const { stdout } = await smtpLab(['attack', 'list', '--json']);
    const list = JSON.parse(stdout) as AttackInfo[];
    expect(list.map((a) => a.name)).toEqual([...ATTACK_NAMES]);
    const downgrade = list.find((a) => a.name === 'tls-downgrade')!;
    expect(downgrade.params.map((p) => [p.name, p.values[0]])).toEqual([
      ['max', 'TLSv1.2'],
      ['mode', 'reset'],
      ['link', 'all'],
    ]);
    expect(downgrade.title.ja).toBe('TLS プロトコルのダウングレード');
  });

  it('as text in the learner\'s language, the default in brackets; lab attack list is the same', async () => {
    const { stdout } = await smtpLab(['attack', 'list']);
    for (const name of ATTACK_NAMES) expect(stdout).toContain(`${name}  (`);
    expect(stdout).toContain('--param mode=[both]|rewrite-ehlo|refuse-454');
    expect(stdout).toContain('eavesdrop  (smtp)  Eavesdrop on the path\n');
    expect(stdout).toContain('  stopped by: STARTTLS (RFC 3207) while nobody strips it');
    expect(stdout).not.toContain('経路上での盗聴');
    expect((await smtpLab(['lab', 'attack', 'list'])).stdout).toBe(stdout);

    const ja = (await smtpLab(['attack', 'list'], 'ja')).stdout;
    expect(ja).toContain('eavesdrop  (smtp)  経路上での盗聴\n');
    expect(ja).toContain('--param mode=[both]|rewrite-ehlo|refuse-454');
    expect(ja).toContain('  防御：STARTTLS（RFC 3207、除去されない限り）');
    expect(ja).not.toContain('Eavesdrop on the path');
    expect(ja).not.toContain('stopped by');
  });

  it('refuses a name that is no attack, with the usage, before looking for a lab', async () => {
    await expect(smtpLab(['attack', 'launch'])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('unknown attack "launch"') });
    await expect(smtpLab(['attack', 'launch'])).rejects.toMatchObject({ stderr: expect.stringContaining('lab attack off') });
  });
});
