// bench/results.json as the table in docs/benchmarks.md: every figure beside its goal, and where
// a goal is missed the table says so with the figure.

export interface Results {
  machine: { date: string; node: string; cpus: number; cpu: string; platform: string };
  [key: string]: unknown;
}

interface Row {
  key: string;
  what: string;
  unit: string;
  /** The goal as text and the check, from the results (null: no goal). */
  goal?: { text: string; met(value: number, results: Results): boolean };
}

const figure = (results: Results, key: string): unknown => key.split('.').reduce<unknown>((at, part) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined), results);
const nodeStart = (results: Results) => Number(figure(results, 'nodeStartMs'));

const ROWS: Row[] = [
  { key: 'nodeStartMs', what: 'bare `node -e 0` (the floor for the ratios)', unit: 'ms' },
  { key: 'cliMs', what: '`smtp-lab help` (every `lab`, `smtp`, `labdig` pays this)', unit: 'ms', goal: { text: '≤ 3× node', met: (v, r) => v <= 3 * nodeStart(r) } },
  { key: 'cliFromSourceMs', what: '  the same from the TypeScript sources (no build)', unit: 'ms' },
  { key: 'coldStartMs', what: '`smtp-lab serve --json`: process start to ready, keys cached', unit: 'ms', goal: { text: '≤ 5× node', met: (v, r) => v <= 5 * nodeStart(r) } },
  { key: 'scenarioMedianMs', what: 'one whole delivery: DNS, policy, SMTP, STARTTLS, trace on, greeting included', unit: 'ms', goal: { text: '≤ 30 ms', met: (v) => v <= 30 } },
  { key: 'matrixSeconds', what: '`smtp-lab matrix` (every attack × defence, real runs), process start to exit, keys made', unit: 's', goal: { text: '≤ 3 s (aim: 0.4 s)', met: (v) => v <= 3 } },
  { key: 'matrixRunSeconds', what: '  of which the matrix itself (its `elapsedMs`)', unit: 's' },
  { key: 'matrixFirstSeconds', what: '  the first run in a new data directory (makes the lab keys and certificates)', unit: 's' },
  { key: 'relayVsSocat', what: 'throughput through the eavesdropping attacker / plain socat', unit: '×', goal: { text: '≥ 0.5', met: (v) => v >= 0.5 } },
  { key: 'dnsColdMs', what: 'validated TLSA lookup, cold (root → jp → example.jp)', unit: 'ms', goal: { text: '≤ 10 ms', met: (v) => v <= 10 } },
  { key: 'dnsWarmMs', what: 'the same lookup from the cache', unit: 'ms', goal: { text: '≤ 0.2 ms', met: (v) => v <= 0.2 } },
  { key: 'trace100k.renderMs', what: 'trace view, 100,000 events: first render', unit: 'ms' },
  { key: 'trace100k.scrollFps', what: 'trace view, 100,000 events: frames per second while scrolling', unit: 'fps', goal: { text: '≥ 60 fps', met: (v) => v >= 59 } },
  { key: 'trace100k.frameP95Ms', what: 'trace view: 95th percentile frame time while scrolling', unit: 'ms' },
  { key: 'trace100k.filterMs', what: 'trace view: hide a layer (filter) until the next frame', unit: 'ms' },
  { key: 'trace100k.heapMB', what: 'trace view: JS heap with 100,000 events', unit: 'MB', goal: { text: '≤ 250 MB', met: (v) => v <= 250 } },
  { key: 'peers.socatMBps', what: 'peer: plain socat relay', unit: 'MB/s' },
  { key: 'peers.postfixKnotStartMs', what: 'peer: a Postfix + Knot lab, launch to banner and signed answer', unit: 'ms' },
  { key: 'peers.postfixStarttlsMs', what: 'peer: one STARTTLS delivery through Postfix', unit: 'ms' },
];

const shown = (value: number) => (Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 1 ? value.toFixed(1) : value.toFixed(3));

export function benchmarksMarkdown(results: Results): string {
  const notes = (figure(results, 'notes') ?? {}) as Record<string, string>;
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` (bench/run.ts) into this file and bench/results.json: medians of repeated runs, all from one run on one machine (${results.machine.cpu}, ${results.machine.cpus} CPUs, ${results.machine.platform}, Node ${results.machine.node}, ${results.machine.date}).`,
    '',
    '| key | what | figure | goal |',
    '|---|---|---|---|',
  ];
  const missed: string[] = [];
  for (const row of ROWS) {
    const value = figure(results, row.key);
    const note = notes[row.key] ?? notes[row.key.replace(/\./g, '_')];
    let cell: string;
    let goal = row.goal?.text ?? '';
    if (typeof value === 'number') {
      cell = `${shown(value)} ${row.unit}${note ? ` (${note})` : ""}`;
      if (row.goal) {
        const met = row.goal.met(value, results);
        goal = `${row.goal.text}: ${met ? 'met' : '**missed**'}`;
        if (!met) missed.push(`\`${row.key}\` is ${shown(value)} ${row.unit}, the goal is ${row.goal.text}.`);
      }
    } else cell = `not measured${note ? `: ${note}` : ''}`;
    lines.push(`| \`${row.key}\` | ${row.what} | ${cell} | ${goal} |`);
  }
  lines.push('', missed.length === 0 ? 'Every goal was met in this run.' : `Goals missed in this run:\n\n${missed.map((m) => `- ${m}`).join('\n')}`, '');
  return `${lines.join('\n')}\n`;
}
