// Is the process behind a PID still the one that wrote a file? A PID is reused after its process
// ends, so a live PID alone does not say the lab that wrote a run file or a queue is still there.
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ): 100 on every Linux architecture Node runs on. */
const USER_HZ = 100;
/** Start times are known to a tick; the writer's clock read comes a little after its start. */
const SLACK_MS = 2000;

/** When the process started (ms since the epoch), from /proc on Linux; null where unknown. */
export function processStartedAt(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: fields count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const startTicks = Number(fields[19]);
    const btime = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    if (!Number.isFinite(startTicks) || !Number.isFinite(btime)) return null;
    return btime * 1000 + (startTicks * 1000) / USER_HZ;
  } catch {
    return null;
  }
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The process `pid` is alive and is the one that was running at `seenAt` (ms since the epoch):
 * a process that started after that moment took over a reused PID.
 */
export function sameProcess(pid: number, seenAt: number, startedAt: (pid: number) => number | null = processStartedAt): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || !pidAlive(pid)) return false;
  const started = startedAt(pid);
  if (started === null || !Number.isFinite(seenAt)) return true;
  return started <= seenAt + SLACK_MS;
}
