import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TraceEvent } from '../../../common/trace.ts';
import { startLab, type StartLabConfig, type StartedLab } from '../../../engine/lab/start-lab.ts';

export interface TestLab {
  lab: StartedLab;
  port25: number;
  port587: number;
  close(): Promise<void>;
}

/** A whole lab on loopback in a fresh data directory. */
export async function openTestLab(config: Omit<StartLabConfig, 'dataDir'> = {}, dataDir?: string): Promise<TestLab> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'smtp-lab-test-')));
  const lab = await startLab({ ...config, dataDir: dir });
  const mx = lab.hosts().find((h) => h.name === 'mx.example.jp')!;
  return {
    lab,
    port25: mx.ports['25'],
    port587: mx.ports['587'],
    async close() {
      await lab.close();
      if (!dataDir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until the trace holds an event matching the predicate. */
export async function waitForEvent(lab: StartedLab, match: (e: TraceEvent) => boolean, timeoutMs = 3000): Promise<TraceEvent> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = lab.trace.all().find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error('no matching trace event');
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const flowOf = (lab: StartedLab, flow: string) => lab.trace.all().filter((e) => e.flow === flow);

/** The trace flow of a connection the test opened, found by its local port. */
export async function flowOfPort(lab: StartedLab, localPort: number): Promise<string> {
  const open = await waitForEvent(lab, (e) => e.layer === 'tcp' && e.detail?.kind === 'open' && e.detail?.clientPort === localPort);
  return open.flow;
}
