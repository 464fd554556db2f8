// Small helpers for benchmarks: medians over repeated runs, printed as one line per figure.
import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface Figure {
  name: string;
  median: number;
  p90: number;
  runs: number;
  unit: 'ms' | 'µs';
  target?: number;
}

export async function measure(name: string, runs: number, fn: () => unknown | Promise<unknown>, target?: number): Promise<Figure> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  const p90 = samples[Math.floor(samples.length * 0.9)];
  const unit = median < 1 ? 'µs' : 'ms';
  const scale = unit === 'µs' ? 1000 : 1;
  const figure: Figure = { name, median: median * scale, p90: p90 * scale, runs, unit, target: target === undefined ? undefined : target * scale };
  report(figure);
  return figure;
}

export function report(figure: Figure): void {
  const verdict = figure.target === undefined ? '' : figure.median <= figure.target ? `  (target ${fmt(figure.target)} ${figure.unit}: met)` : `  (target ${fmt(figure.target)} ${figure.unit}: MISSED)`;
  console.log(`${figure.name.padEnd(48)} median ${fmt(figure.median).padStart(9)} ${figure.unit}  p90 ${fmt(figure.p90).padStart(9)} ${figure.unit}  n=${figure.runs}${verdict}`);
}

const fmt = (n: number) => n.toFixed(n < 10 ? 3 : 1);

/** The figure in milliseconds, whatever unit it was printed in. */
export const millis = (figure: Figure): number => (figure.unit === 'µs' ? figure.median / 1000 : figure.median);

/**
 * Keeps a figure for bench/results.json under its key (dots make nested keys: "trace100k.heapMB").
 * bench/run.ts collects what every bench recorded; a bench run on its own just prints.
 */
export function record(key: string, value: number | string | null): void {
  const file = process.env.SMTP_LAB_BENCH_RECORD;
  if (file) appendFileSync(file, `${JSON.stringify({ key, value: typeof value === 'number' ? Number(value.toFixed(3)) : value })}\n`);
}
