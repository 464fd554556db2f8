// `lab list`, `lab reset`, `lab solve`: the guided labs from the lab terminal (docs/labs.md).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { text } from '../../common/i18n/text.ts';
import type { LabSolveReport, LabSummary } from '../../common/labs.ts';
import { cliLocale, say } from './cli-locale.ts';
import { defaultDataDir } from '../lab/data-dir.ts';
import { apiGet, apiPost, requireRun } from './lab-client.ts';
import { findRun } from './run-files.ts';
import { jsonInLanguage } from './json-in-language.ts';

/** The usage lines of the guided labs, their explanations in the CLI's language. */
export function courseUsage(): string {
  return `${[
    `       lab list [--json]                 ${say(text('labUsage.list'))}`,
    `       lab reset [NAME]                  ${say(text('labUsage.reset'))}`,
    `       lab solve NAME [--json] [--here]  ${say(text('labUsage.solve'))}`,
  ].join('\n')}\n`;
}

export async function runCourseCommand(name: 'list' | 'reset' | 'solve', argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' }, here: { type: 'boolean' } } });
  if (name === 'list') return list(Boolean(values.json));
  if (name === 'reset') {
    const reply = await apiPost<{ active: string | null }>(requireRun().info, '/api/lab/reset', { id: positionals[0] ?? null });
    process.stdout.write(`${say(reply.active ? text('labResetCli.one', { id: reply.active }) : text('labResetCli.all'))}\n`);
    return 0;
  }
  const [id] = positionals;
  if (!id || positionals.length > 1) {
    process.stderr.write(`usage: lab solve NAME [--json] [--here]\n`);
    return 2;
  }
  const report = values.here ? await apiPost<LabSolveReport>(requireRun().info, '/api/lab/solve', { id }, 10 * 60_000) : await solveHeadless(id);
  process.stdout.write(values.json ? `${JSON.stringify(jsonInLanguage(report, cliLocale()))}\n` : solveText(report));
  return !report.error && report.steps.length > 0 && report.steps.every((s) => s.done) ? 0 : 1;
}

async function list(json: boolean): Promise<number> {
  const found = findRun(defaultDataDir());
  let labs: LabSummary[];
  let active: string | null = null;
  if (found) ({ labs, active } = await apiGet<{ labs: LabSummary[]; active: string | null }>(found.info, '/api/labs'));
  else labs = await offlineList();
  if (json) {
    process.stdout.write(`${JSON.stringify(labs)}\n`);
    return 0;
  }
  for (const lab of labs) process.stdout.write(`${lab.id === active ? '*' : ' '} ${lab.id.padEnd(28)} ${String(lab.done).padStart(2)}/${lab.steps}  ${lab.title[cliLocale()]}\n`);
  return 0;
}

/** Without a running lab: the labs on disk with the progress file's ticks. */
async function offlineList(): Promise<LabSummary[]> {
  const { loadLabs } = await import('../course/lab-files.ts');
  const { ProgressStore, progressFilePath } = await import('../course/progress-store.ts');
  const progress = new ProgressStore(progressFilePath(defaultDataDir()));
  const { labs } = await loadLabs();
  return labs.map((lab) => {
    const done = progress.get(lab.id).steps;
    const d = lab.definition;
    return { id: lab.id, number: d.number, title: d.title, summary: d.summary, steps: d.steps.length, done: d.steps.filter((s) => done[s.id]).length };
  });
}

/** A fresh lab of its own, with its own terminal and a run file no other command picks up. */
async function solveHeadless(id: string): Promise<LabSolveReport> {
  const [{ startLab }, { startCourse }, { startLabServer }, { solveLab }, { installLearnerTools }] = await Promise.all([
    import('../lab/start-lab.ts'),
    import('../course/start-course.ts'),
    import('./lab-server.ts'),
    import('../course/solve.ts'),
    import('./learner-tools.ts'),
  ]);
  const dataDir = defaultDataDir();
  const lab = await startLab({ dataDir });
  try {
    const { course } = await startCourse(lab, { progress: 'memory' });
    const runFile = join(dataDir, 'runs', `solve-${process.pid}-${Date.now()}.json`);
    const server = await startLabServer({ lab, course, runFile });
    try {
      return await solveLab(course, id, { toolsDir: installLearnerTools(dataDir), runFile });
    } finally {
      course.close();
      await server.close();
    }
  } finally {
    await lab.close();
  }
}

function solveText(report: LabSolveReport): string {
  const lines = [`lab ${report.lab}`];
  for (const step of report.steps) lines.push(`  [${step.done ? 'x' : ' '}] ${step.id}: ${step.title[cliLocale()]}`);
  if (report.error) lines.push(say(text('labSolveCli.error', { error: report.errorText ?? report.error })));
  const done = report.steps.filter((s) => s.done).length;
  lines.push(say(text('labSolveCli.done', { done, total: report.steps.length })), '');
  return lines.join('\n');
}
