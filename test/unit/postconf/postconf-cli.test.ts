// smtp-lab postconf and lab postconf against a running lab, as a learner types them: -n and named
// parameters on stdout, -e applied to the lab, a bad value or an unknown parameter refused on stderr
// with a non-zero exit and nothing changed.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabServer } from '../../../engine/cli/lab-server.ts';
import { openTestLab, type TestLab } from '../nodes/lab-fixture.ts';

let dataDir: string;
let t: TestLab;
let server: Awaited<ReturnType<typeof startLabServer>>;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'smtp-lab-postconf-cli-'));
  t = await openTestLab({}, dataDir);
  server = await startLabServer({ lab: t.lab });
});
afterAll(async () => {
  await server.close();
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

const cli = resolve(import.meta.dirname, '../../../bin/smtp-lab.js');
const smtpLab = (...args: string[]) =>
  promisify(execFile)(process.execPath, [cli, ...args], { env: { ...process.env, SMTP_LAB_DATA: dataDir, SMTP_LAB_RUN: server.runFile, SMTP_LAB_LANG: 'en' } }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

describe('smtp-lab postconf against a running lab', () => {
  it('-e changes the lab; a bad value or an unknown parameter exits 1 with the reason and changes nothing', async () => {
    const before = await smtpLab('postconf', '-n');
    expect(before).toMatchObject({ code: 0, stderr: '' });
    expect(before.stdout).toContain('smtpd_tls_protocols = >=TLSv1.2\n');

    const refused = await smtpLab('postconf', '-e', 'smtpd_tls_protocols = >=TLSv1', 'smtpd_tls_security_level = dane', 'smtpd_tls_cipherz = high');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('postconf: smtpd_tls_security_level: "dane" is not one of: none, may, encrypt (in "smtpd_tls_security_level = dane")');
    expect(refused.stderr).toContain('postconf: smtpd_tls_cipherz: unknown parameter; did you mean smtpd_tls_ciphers?');
    expect((await smtpLab('postconf', '-n')).stdout).toBe(before.stdout);

    const applied = await smtpLab('lab', 'postconf', '-e', 'smtpd_tls_protocols = >=TLSv1');
    expect(applied).toMatchObject({ code: 0, stderr: '' });
    expect(t.lab.postconf.settings().receiver.protocols).toEqual({ min: 'TLSv1', max: 'TLSv1.3' });
    expect(await smtpLab('lab', 'postconf', 'smtpd_tls_protocols', 'smtp_tls_security_level')).toMatchObject({ code: 0, stdout: 'smtpd_tls_protocols = >=TLSv1\nsmtp_tls_security_level = may\n' });
    expect(await smtpLab('postconf', '-d', 'smtpd_tls_protocols')).toMatchObject({ code: 0, stdout: 'smtpd_tls_protocols = >=TLSv1\n' });

    expect(await smtpLab('postconf', 'smtpd_tls_nothing')).toMatchObject({ code: 1, stdout: '' });
    expect((await smtpLab('postconf', '--reset')).code).toBe(0);
    expect((await smtpLab('postconf', '-n')).stdout).toBe(before.stdout);
  });
});
