// Each user's lab progress, one JSON file in the data directory (<dataDir>/progress/<user>.json),
// written atomically (a temporary file renamed over the old one), so a crash never leaves half a
// file and a restarted lab finds every tick where it was.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';

export interface LabProgress {
  /** Step id -> ISO time it was done. */
  steps: Record<string, string>;
  /** Question id -> the last answer. */
  quiz: Record<string, { choice: string; correct: boolean }>;
}

interface ProgressFile {
  version: 1;
  labs: Record<string, LabProgress>;
}

const empty = (): LabProgress => ({ steps: {}, quiz: {} });

export function progressFilePath(dataDir: string, user = safeUserName()): string {
  return join(dataDir, 'progress', `${user}.json`);
}

function safeUserName(): string {
  let name = 'user';
  try {
    name = userInfo().username || name;
  } catch {
    // no passwd entry: one shared file
  }
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

export class ProgressStore {
  private data: ProgressFile = { version: 1, labs: {} };

  /** path null: kept in memory only (a headless `lab solve` must not touch the user's progress). */
  constructor(private readonly path: string | null) {
    if (!path) return;
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as ProgressFile;
      if (parsed?.version === 1 && parsed.labs && typeof parsed.labs === 'object') this.data = parsed;
    } catch {
      // no file yet, or unreadable: start empty (the next write replaces it)
    }
  }

  get(lab: string): LabProgress {
    const p = this.data.labs[lab];
    return p ? { steps: { ...p.steps }, quiz: { ...p.quiz } } : empty();
  }

  markStep(lab: string, step: string): void {
    const p = (this.data.labs[lab] ??= empty());
    if (p.steps[step]) return;
    p.steps[step] = new Date().toISOString();
    this.save();
  }

  answer(lab: string, question: string, choice: string, correct: boolean): void {
    const p = (this.data.labs[lab] ??= empty());
    p.quiz[question] = { choice, correct };
    this.save();
  }

  reset(lab: string): void {
    delete this.data.labs[lab];
    this.save();
  }

  private save(): void {
    if (!this.path) return;
    mkdirSync(join(this.path, '..'), { recursive: true, mode: 0o700 });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(this.data, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.path);
  }
}
