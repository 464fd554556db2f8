// A whole delivery by the sending MTA, per policy: MX and TLSA lookups through the validating
// resolver, the MTA-STS policy fetch over HTTPS, SMTP with STARTTLS into the receiver, the trace.
// Floor on this machine (STACK.md): ~4 ms for a delivery with DNS, policy fetch and STARTTLS in one
// process. The receiver greets at once unless main.cf sets postscreen_greet_wait (off in the lab);
// the time before the greeting is shown apart, measured per delivery from the trace (TCP open → 220 row).
// Target: a whole delivery in 30 ms (issue 18).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SenderPolicyName } from '../common/sender.ts';
import { startLab, type StartedLab } from '../engine/lab/start-lab.ts';
import { record, report } from './measure.ts';

const RUNS = 30;
const lab = await startLab({ dataDir: mkdtempSync(join(tmpdir(), 'smtp-lab-bench-sender-')) });

/** Milliseconds of one delivery, and the greeting hold inside it. */
async function deliverOnce(target: StartedLab, policy: SenderPolicyName, firstContact: boolean): Promise<{ total: number; hold: number }> {
  if (firstContact) target.sender.mtaSts.clear();
  const fromSeq = target.trace.all().at(-1)?.seq ?? 0;
  const start = performance.now();
  const submitted = target.sender.submit({ from: 'alice@sender.example', to: ['bob@example.jp'], subject: 'bench', body: 'Hello.\n', policy });
  if (!submitted.ok) throw new Error(submitted.message);
  const done = await target.sender.settled(submitted.message.id);
  const total = performance.now() - start;
  if (done.state !== 'delivered') throw new Error(`${policy}: ${done.state}: ${done.attempts.at(-1)?.reason}`);
  const flow = done.attempts.at(-1)!.flow;
  const rows = target.trace.all().filter((e) => e.seq > fromSeq && e.flow === flow);
  const open = rows.find((e) => e.layer === 'tcp');
  const greeting = rows.find((e) => e.layer === 'smtp' && e.dir === 's2c');
  return { total, hold: open && greeting ? greeting.t - open.t : 0 };
}

async function figure(name: string, policy: SenderPolicyName, firstContact: boolean, target: number): Promise<number> {
  const totals: number[] = [];
  const work: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { total, hold } = await deliverOnce(lab, policy, firstContact);
    totals.push(total);
    work.push(total - hold);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];
  report({ name: `${name}, whole`, median: median(totals), p90: p90(totals), runs: RUNS, unit: 'ms', target });
  report({ name: '  of it before the greeting', median: median(totals) - median(work), p90: p90(totals) - p90(work), runs: RUNS, unit: 'ms' });
  return median(totals);
}

record('scenarioMedianMs', await figure('send opportunistic (STARTTLS)', 'opportunistic', false, 30));
await figure('send mta-sts, policy cached', 'mta-sts', false, 30);
await figure('send mta-sts, first contact (policy fetch)', 'mta-sts', true, 30);
await figure('send dane (validated MX, A, TLSA)', 'dane', false, 30);
console.log(`trace events: ${lab.trace.all().length}, messages: ${lab.mailbox.list().length}`);
await lab.close();
