// `smtp-lab run FILE --json` as a script sees it: one JSON object with the keys the format keeps
// (scenario, outcome, expected, matched, trace), exit 0 only when the outcome matches `expect`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { smtpLab } from '../../support/smtp-lab-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'smtp-lab-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCENARIO = 'scenarios/strip-starttls-vs-opportunistic.yaml';

interface RunJson {
  scenario: string;
  outcome: { delivered: boolean; attackerRead: boolean; tls: unknown } | null;
  expected: Record<string, unknown>;
  matched: boolean;
  trace: { layer: string }[];
  mismatches: { field: string }[];
}

describe('smtp-lab run --json', () => {
  it('prints the run and exits 0 when the outcome matches; exits 1 and names the field when it does not', { timeout: 120_000 }, async () => {
    // The same set-up with a wrong expectation: the attacker does read this message.
    const wrong = join(dir, 'strip-starttls-expects-nothing-read.yaml');
    writeFileSync(wrong, readFileSync(SCENARIO, 'utf8').replace('attackerRead: true', 'attackerRead: false'));
    const env = { SMTP_LAB_DATA: dir };
    const [good, bad] = await Promise.all([smtpLab(['run', SCENARIO, '--json'], 'en', env), smtpLab(['run', wrong, '--json'], 'en', env)]);

    expect(good.code).toBe(0);
    const ok = JSON.parse(good.stdout) as RunJson;
    expect(Object.keys(ok)).toEqual(expect.arrayContaining(['scenario', 'outcome', 'expected', 'matched', 'trace']));
    expect(ok.scenario).toBe('strip-starttls-vs-opportunistic');
    expect(ok.matched).toBe(true);
    expect(ok.outcome).toMatchObject({ delivered: true, tls: null, attackerRead: true });
    expect(ok.expected).toEqual({ delivered: true, tls: null, attackerRead: true, stoppedBy: null });
    expect(ok.trace.some((e) => e.layer === 'attack')).toBe(true);

    expect(bad.code).toBe(1);
    const notOk = JSON.parse(bad.stdout) as RunJson;
    expect(notOk.scenario).toBe('strip-starttls-expects-nothing-read');
    expect(notOk.matched).toBe(false);
    expect(notOk.outcome).toMatchObject({ attackerRead: true });
    expect(notOk.mismatches.map((m) => m.field)).toEqual(['attackerRead']);
  });
});
