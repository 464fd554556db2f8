// Runs kept for their traces, one JSON file each under <dataDir>/runs/: a matrix cell's id opens
// its trace (`smtp-lab matrix show ID`, the Matrix view). A run id is "<batch>.<name>"; only the
// newest batches are kept.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoredRun } from '../../common/matrix.ts';

const RUN_ID = /^[a-z0-9]+(?:\.[a-z0-9-]+)+$/;
const KEEP_BATCHES = 4;

export const isRunId = (id: unknown): id is string => typeof id === 'string' && id.length <= 120 && RUN_ID.test(id);

/** A new batch name: ids made with it sort after every earlier batch's. */
export const newBatch = (prefix: 'm' | 'c'): string => `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 3).toString(36).padStart(3, '0')}`;

export class RunStore {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'runs');
  }

  async save(run: StoredRun): Promise<void> {
    if (!isRunId(run.id)) throw new Error(`not a run id: ${run.id}`);
    const file = join(this.dir, `${run.id}.json`);
    const text = JSON.stringify(run);
    // The folder is made when a write finds it missing, not before each of a matrix's dozens of runs.
    await writeFile(file, text).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      await mkdir(this.dir, { recursive: true });
      await writeFile(file, text);
    });
  }

  /** null: no such run (never made, or pruned). */
  async load(id: string): Promise<StoredRun | null> {
    if (!isRunId(id)) return null;
    try {
      return JSON.parse(await readFile(join(this.dir, `${id}.json`), 'utf8')) as StoredRun;
    } catch {
      return null;
    }
  }

  /** Forgets every batch of this kind but the newest few. */
  async prune(prefix: 'm' | 'c'): Promise<void> {
    let files: string[];
    try {
      files = await readdir(this.dir);
    } catch {
      return;
    }
    const batchOf = (file: string) => file.slice(0, file.indexOf('.'));
    const batches = [...new Set(files.map(batchOf).filter((b) => b.startsWith(prefix)))].sort();
    const old = new Set(batches.slice(0, Math.max(0, batches.length - KEEP_BATCHES)));
    await Promise.all(files.filter((f) => old.has(batchOf(f))).map((f) => rm(join(this.dir, f), { force: true })));
  }
}
