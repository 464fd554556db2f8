// The sending MTA's queue on disk, as an MTA keeps it: one file per message, written to a temporary
// name, fsynced, then renamed into place (and the folder fsynced), so a crash leaves either the old
// file or the new one, never half of one. Each lab process owns <dataDir>/queue/<pid>-<start>/;
// a lab that starts adopts the folders of processes that are gone, so nothing queued is lost.
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, rmdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { OutboundMessage } from '../../../../common/sender.ts';
import { sameProcess } from '../../../system/process-identity.ts';
import type { RecipientFinal } from './deliver-round.ts';

/** What survives a restart: the message as the UI sees it, its bytes and the word on each recipient. */
export interface QueuedMessage {
  message: OutboundMessage;
  bytes: Buffer;
  finals: RecipientFinal[];
  rounds: number;
  /** The file it was read from, when its name is not the one its id gives (an adopted duplicate). */
  source?: string;
}

interface QueueFile {
  version: 1;
  message: OutboundMessage;
  /** base64 of the message as composed (and signed). */
  bytes: string;
  finals: RecipientFinal[];
  rounds: number;
}

/** A queue file larger than this is not one the lab wrote. */
const MAX_QUEUE_FILE = 64 * 1024 * 1024;
const QUEUE_ID = /^Q\d{1,12}$/;

export function queueRoot(dataDir: string): string {
  return join(dataDir, 'queue');
}

/** What the store found when it opened: messages to resume, and files it could not read (kept aside). */
export interface QueueLoad {
  messages: QueuedMessage[];
  /** Files that were not queue files, renamed to <name>.corrupt and left for a human. */
  unreadable: string[];
}

export class QueueStore {
  readonly dir: string;

  private constructor(dir: string) {
    this.dir = dir;
  }

  /** Opens this process's queue folder and moves into it the queues of labs no longer running. */
  static open(dataDir: string, pid = process.pid, startedAt = Date.now()): { store: QueueStore; load: QueueLoad } {
    const root = queueRoot(dataDir);
    const own = `${pid}-${startedAt}`;
    const dir = join(root, own);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const store = new QueueStore(dir);
    for (const name of readdirSync(root)) {
      const owner = /^(\d+)-(\d+)$/.exec(name);
      if (!owner || name === own || sameProcess(Number(owner[1]), Number(owner[2]))) continue;
      store.adopt(join(root, name));
    }
    return { store, load: store.readAll() };
  }

  /** Writes (or replaces) the message's file: durable once this returns. */
  save(entry: QueuedMessage): void {
    const file: QueueFile = { version: 1, message: entry.message, bytes: entry.bytes.toString('base64'), finals: entry.finals, rounds: entry.rounds };
    const path = this.pathOf(entry.message.id);
    const temporary = `${path}.tmp`;
    const fd = openSync(temporary, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(file));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
    this.syncDir();
  }

  /** Removes a file resume() has saved under another name. */
  forget(source: string): void {
    if (source.startsWith(this.dir)) rmSync(source, { force: true });
  }

  /** The message is delivered or bounced: it leaves the queue. */
  remove(id: string): void {
    rmSync(this.pathOf(id), { force: true });
    this.syncDir();
  }

  /** Removes every queued message (a lab reset). */
  clear(): void {
    for (const name of readdirSync(this.dir)) rmSync(join(this.dir, name), { force: true });
    this.syncDir();
  }

  /** Gives up the folder on a clean stop when nothing is left in it. */
  close(): void {
    try {
      rmdirSync(this.dir);
    } catch {
      // Messages are still queued: the next lab adopts them.
    }
  }

  private pathOf(id: string): string {
    if (!QUEUE_ID.test(id)) throw new Error(`not a queue id: ${JSON.stringify(id)}`);
    return join(this.dir, `${id}.json`);
  }

  private adopt(from: string): void {
    let names: string[];
    try {
      names = readdirSync(from);
    } catch {
      return;
    }
    for (const name of names) {
      if (!name.endsWith('.json') && !name.endsWith('.corrupt')) continue;
      // Renaming is atomic: when two labs start at once, each file goes to exactly one of them.
      // A name already taken here keeps the adopted file apart under a suffix.
      const target = join(this.dir, readdirSync(this.dir).includes(name) ? `adopted-${Date.now()}-${name}` : name);
      try {
        renameSync(join(from, name), target);
      } catch {
        // Another lab took it.
      }
    }
    rmSync(from, { recursive: true, force: true });
  }

  private readAll(): QueueLoad {
    const messages: QueuedMessage[] = [];
    const unreadable: string[] = [];
    for (const name of readdirSync(this.dir).sort()) {
      const path = join(this.dir, name);
      if (name.endsWith('.tmp')) {
        // A write the crash interrupted: the previous version (if any) is still in place.
        rmSync(path, { force: true });
        continue;
      }
      if (!name.endsWith('.json')) continue;
      const entry = readQueueFile(path);
      if (entry) messages.push(name === `${entry.message.id}.json` ? entry : { ...entry, source: path });
      else {
        renameSync(path, `${path}.corrupt`);
        unreadable.push(`${path}.corrupt`);
      }
    }
    return { messages, unreadable };
  }

  private syncDir(): void {
    if (process.platform === 'win32') return;
    const fd = openSync(this.dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

function readQueueFile(path: string): QueuedMessage | null {
  try {
    const text = readFileSync(path, 'utf8');
    if (text.length > MAX_QUEUE_FILE) return null;
    const file = JSON.parse(text) as QueueFile;
    const m = file?.message;
    if (file.version !== 1 || typeof file.bytes !== 'string' || !Array.isArray(file.finals) || !Number.isInteger(file.rounds)) return null;
    if (!m || typeof m.id !== 'string' || !QUEUE_ID.test(m.id) || !m.request || !Array.isArray(m.request.to) || !Array.isArray(m.attempts)) return null;
    return { message: m, bytes: Buffer.from(file.bytes, 'base64'), finals: file.finals, rounds: file.rounds };
  } catch {
    return null;
  }
}
