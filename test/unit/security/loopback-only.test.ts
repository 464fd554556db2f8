// Security invariant (DESIGN.md): every socket of the lab listens on 127.0.0.1 only.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveLab, type ServedLab } from '../../support/serve-lab.ts';

const LISTEN = '0A';
const LOOPBACK_V4 = '0100007F';

interface SocketRow {
  table: string;
  local: string;
  state: string;
  inode: string;
}

function socketTable(pid: number, table: string): SocketRow[] {
  return readFileSync(`/proc/${pid}/net/${table}`, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .map((cols) => ({ table, local: cols[1], state: cols[3], inode: cols[9] }));
}

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      const match = /^socket:\[(\d+)\]$/.exec(target);
      if (match) inodes.add(match[1]);
    } catch {
      // The descriptor closed while we listed them.
    }
  }
  return inodes;
}

describe.runIf(process.platform === 'linux')('lab sockets', () => {
  let lab: ServedLab;
  beforeAll(async () => {
    lab = await serveLab();
  }, 30_000);
  afterAll(async () => {
    await lab?.stop();
  });

  it('every listening TCP socket and every UDP socket of the lab is bound to 127.0.0.1', () => {
    const pid = lab.process.pid!;
    const own = socketInodes(pid);
    const rows = ['tcp', 'tcp6', 'udp', 'udp6']
      .flatMap((table) => socketTable(pid, table))
      .filter((row) => own.has(row.inode))
      .filter((row) => row.table.startsWith('udp') || row.state === LISTEN);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      expect(row.table, `socket ${row.local} in ${row.table}`).not.toMatch(/6$/);
      expect(row.local.split(':')[0], `socket ${row.local} in ${row.table}`).toBe(LOOPBACK_V4);
    }
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await lab.stop()).toBe(0);
  });
});
