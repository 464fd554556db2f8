// The sender's queue on disk: atomic files, picked up by the next lab, damaged files set aside.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../../../common/sender.ts';
import { QueueStore, queueRoot } from '../../../../engine/nodes/sender/mta/queue-store.ts';

const message = (id: string): OutboundMessage => ({
  id,
  messageId: `<${id}@sender.example>`,
  queuedAt: new Date(0).toISOString(),
  request: { from: 'alice@sender.example', to: ['bob@example.jp'], subject: 's', body: 'b', policy: 'opportunistic' },
  state: 'deferred',
  attempts: [],
  nextRetryAt: null,
  notice: null,
  outcome: null,
  size: 3,
});

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => child.on('exit', r));
  return child.pid!;
}

describe('QueueStore', () => {
  it('writes a file per message, removes it when done, and clear() empties the queue', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-q-'));
    const { store, load } = QueueStore.open(dataDir);
    expect(load).toEqual({ messages: [], unreadable: [] });
    store.save({ message: message('Q0001'), bytes: Buffer.from('abc'), finals: [], rounds: 1 });
    store.save({ message: message('Q0002'), bytes: Buffer.from('def'), finals: [], rounds: 2 });
    expect(readdirSync(store.dir).sort()).toEqual(['Q0001.json', 'Q0002.json']);
    store.remove('Q0001');
    expect(readdirSync(store.dir)).toEqual(['Q0002.json']);
    store.clear();
    expect(readdirSync(store.dir)).toEqual([]);
    store.close();
    expect(existsSync(store.dir)).toBe(false);
  });

  it('adopts the queue of a lab that is gone, drops half-written files and sets damaged ones aside', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-q-'));
    const dead = await deadPid();
    const old = QueueStore.open(dataDir, dead, Date.now() - 1000).store;
    old.save({ message: message('Q0007'), bytes: Buffer.from('hello'), finals: [{ recipient: 'bob@example.jp', outcome: 'deferred', status: '4.4.1', rule: 'r', reason: 'x' }], rounds: 2 });
    writeFileSync(join(old.dir, 'Q0008.json'), '{"version":1,"message":');
    writeFileSync(join(old.dir, 'Q0009.json.tmp'), 'half');
    // A live lab's queue is not touched.
    const live = join(queueRoot(dataDir), `${process.pid}-${Date.now()}`);
    mkdirSync(live);
    writeFileSync(join(live, 'Q0001.json'), '{}');

    const { store, load } = QueueStore.open(dataDir, process.pid, Date.now() + 1);
    expect(load.messages.map((m) => [m.message.id, m.bytes.toString(), m.rounds, m.finals.length])).toEqual([['Q0007', 'hello', 2, 1]]);
    expect(load.unreadable).toEqual([join(store.dir, 'Q0008.json.corrupt')]);
    expect(existsSync(old.dir)).toBe(false);
    expect(readdirSync(store.dir).sort()).toEqual(['Q0007.json', 'Q0008.json.corrupt']);
    expect(existsSync(join(live, 'Q0001.json'))).toBe(true);
  });
});
