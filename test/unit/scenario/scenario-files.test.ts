// Every scenario in scenarios/ runs headless as `smtp-lab run` runs it, and its outcome matches
// its expect. Several labs run at once: each has its own loopback ports, and all share one data
// directory so the keys are made once.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SCENARIOS_DIR } from '../../../engine/course/lab-files.ts';
import { loadScenario, runScenario, scenarioName, type ScenarioRunReport } from '../../../engine/scenario/run-scenario.ts';
import { problemText } from '../../../engine/scenario/yaml-file.ts';

const files = readdirSync(SCENARIOS_DIR).filter((f) => f.endsWith('.yaml')).sort();
const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-scenarios-'));
const CONCURRENCY = 3;

/** Runs every scenario, CONCURRENCY at a time, once for the whole file. */
const reports: Promise<Map<string, ScenarioRunReport | string>> = (async () => {
  const out = new Map<string, ScenarioRunReport | string>();
  const queue = [...files];
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const loaded = await loadScenario(join(SCENARIOS_DIR, file));
      if (!loaded.ok) out.set(file, loaded.problems.map(problemText).join('\n'));
      else out.set(file, await runScenario(scenarioName(file), loaded.value, { dataDir }));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return out;
})();

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('scenarios/*.yaml under smtp-lab run', () => {
  it('covers every attack × defence pair the labs use', () => {
    for (const name of [
      'eavesdrop-vs-opportunistic',
      'strip-starttls-vs-opportunistic',
      'strip-starttls-rewrite-ehlo-vs-opportunistic',
      'strip-starttls-refuse-454-vs-opportunistic',
      'strip-starttls-vs-mta-sts',
      'strip-starttls-vs-mta-sts-testing',
      'strip-starttls-vs-dane',
      'strip-starttls-vs-requiretls',
      'tls-downgrade-vs-fallback-no-scsv',
      'tls-downgrade-vs-fallback-scsv',
      'tls-downgrade-vs-mta-sts',
      'fake-certificate-misissued-vs-mta-sts',
      'fake-certificate-misissued-vs-dane',
      'fake-certificate-self-signed-vs-mta-sts',
      'dns-spoof-vs-opportunistic',
      'dns-spoof-vs-mta-sts-first-contact',
      'dns-spoof-vs-dnssec',
      'dns-spoof-vs-dane',
      'impostor-vs-opportunistic',
      'impostor-vs-mta-sts-cached',
      'spoof-from-vs-dmarc-reject',
    ]) {
      expect(files).toContain(`${name}.yaml`);
    }
  });

  for (const file of files) {
    it(`${file} matches its expect`, { timeout: 120_000 }, async () => {
      const report = (await reports).get(file)!;
      if (typeof report === 'string') throw new Error(report);
      expect(report.error).toBeUndefined();
      expect(report.mismatches).toEqual([]);
      expect(report.matched).toBe(true);
      // The trace is the run's own: it holds the delivery the verdict speaks of.
      expect(report.trace.some((e) => e.layer === 'policy' && e.link.from === 'mail.sender.example')).toBe(true);
    });
  }
});
