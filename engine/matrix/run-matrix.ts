// `smtp-lab matrix`: every cell a real run of its scenario (matrix-spec.ts) in a lab of its own,
// several at once, each judged by the one rule (cell-rule.ts) and kept for its trace (run-store.ts).
import { performance } from 'node:perf_hooks';
import type { MatrixCell, MatrixReport, StoredRun } from '../../common/matrix.ts';
import { SignedZoneCache } from '../dns/zone/signed-zone-cache.ts';
import { loadLabPki } from '../pki/lab-pki.ts';
import { cellFacts, evidenceRow } from './cell-facts.ts';
import { judgeCell, whyText } from './cell-rule.ts';
import { ATTACKS, cellLab, cellScenario, cellText, DEFENSES, type AttackSpec, type DefenseSpec } from './matrix-spec.ts';
import { recordRun } from './recorded-run.ts';
import { newBatch, RunStore } from './run-store.ts';
import { reasonOf, renderText, text, type Locale } from '../../common/i18n/text.ts';
import { TextError } from '../../common/i18n/text-error.ts';
import { summaryText } from '../scenario/ladder-text.ts';

export interface MatrixOptions {
  dataDir: string;
  /** Labs running at once. */
  concurrency?: number;
  /** The language of the labels and of each cell's reason. */
  locale?: Locale;
  /** Where the runs are kept; default <dataDir>/runs. */
  store?: RunStore;
  /** Only these rows and columns (default all), with or without the second runs (default with). */
  only?: { attacks?: readonly string[]; defenses?: readonly string[]; variants?: boolean };
}

/** Labs at once: enough to overlap the waits of a delivery (greeting pauses, retries), few enough for two cores. */
export const DEFAULT_CONCURRENCY = 12;

interface Job {
  attack: AttackSpec;
  defense: DefenseSpec;
  variant?: string;
}

/** Runs items through work, at most `limit` at a time, results in the items' order. */
export async function pooled<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

export async function runMatrix(options: MatrixOptions): Promise<MatrixReport> {
  const started = performance.now();
  const store = options.store ?? new RunStore(options.dataDir);
  const locale = options.locale ?? 'en';
  const batch = newBatch('m');
  // One PKI for every lab of the matrix: its certificates are read and checked once, not once a lab.
  const pki = await loadLabPki(options.dataDir);
  // Every lab starts with the same zones: each is signed once; a cell that edits one signs its own.
  const signedZones = new SignedZoneCache();
  const only = options.only ?? {};
  const attacks = ATTACKS.filter((a) => !only.attacks || only.attacks.includes(a.id));
  const defenses = DEFENSES.filter((d) => !only.defenses || only.defenses.includes(d.id));
  const jobs: Job[] = [];
  for (const attack of attacks) for (const defense of defenses) jobs.push({ attack, defense });
  if (only.variants !== false) for (const attack of attacks) for (const variant of attack.variants ?? []) for (const defense of defenses) jobs.push({ attack, defense, variant: variant.id });

  const cells = await pooled(jobs, options.concurrency ?? DEFAULT_CONCURRENCY, async (job) => {
    const id = [batch, job.attack.id, job.defense.id, ...(job.variant ? [job.variant] : [])].join('.');
    const scenario = cellScenario(job.attack, job.defense, job.variant);
    const run = await recordRun(id, scenario, { dataDir: options.dataDir, pki, signedZones });
    await store.save(run);
    return judgedCell(job, run, locale);
  });
  await store.prune('m');
  return {
    defenses: defenses.map((d) => ({ id: d.id, label: d.label[locale] })),
    attacks: attacks.map((a) => ({ id: a.id, label: a.label[locale] })),
    cells: cells.filter((c) => c.variant === undefined),
    variants: cells.filter((c) => c.variant !== undefined),
    elapsedMs: Math.round(performance.now() - started),
    runs: jobs.length,
  };
}

function judgedCell(job: Job, run: StoredRun, locale: Locale): MatrixCell {
  const base = { attack: job.attack.id, defense: job.defense.id, run: run.id, lab: cellLab(job.attack, job.defense), ...(job.variant ? { variant: job.variant } : {}) };
  // A set-up the lab refused is a fault of the matrix, not a result: it must not pass for one.
  if (!run.outcome) {
    const cell = cellText(job.attack.label[locale], job.defense.label[locale], job.variant);
    throw new TextError(text('matrixCell.didNotRun', { cell, error: run.error ?? text('matrixCell.noDelivery') }));
  }
  const verdict = judgeCell(cellFacts(job.attack, run.outcome, run.trace));
  const row = evidenceRow(verdict.why, run.outcome, run.trace);
  const evidence = row ? summaryText(row) : reasonOf(run.outcome);
  const why = whyText(verdict.why);
  const reason = verdict.why === 'not-affected' ? text('matrixCell.reasonActsOn', { why, actsOn: job.attack.actsOn[locale], evidence }) : text('matrixCell.reason', { why, evidence });
  return {
    ...base,
    result: verdict.result,
    why: verdict.why,
    reason: renderText(locale, reason),
    evidence: row ? { seq: row.seq, summary: row.summary } : null,
  };
}
