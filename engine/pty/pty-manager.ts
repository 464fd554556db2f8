import type { Locale } from '../../common/protocol.ts';
import { PtySession, type PtyListeners, type PtySpawnOptions } from './pty-session.ts';

export type PtyHostOptions = Omit<PtySpawnOptions, 'cols' | 'rows'>;

/** Every lab terminal of a lab run, so closing the lab closes them all. */
export class PtyManager {
  private nextId = 1;
  private readonly sessions = new Map<number, PtySession>();

  constructor(private readonly options: PtyHostOptions) {}

  /** locale: the language the lab tools in this shell speak until the session's setLocale changes it. */
  open(cols: number, rows: number, listeners: PtyListeners, locale?: Locale): PtySession {
    const id = this.nextId++;
    const session = new PtySession(id, { ...this.options, cols, rows, ...(locale ? { locale } : {}) }, {
      data: listeners.data,
      exit: (code, signal) => {
        this.sessions.delete(id);
        listeners.exit(code, signal);
      },
    });
    this.sessions.set(id, session);
    return session;
  }

  get(id: number): PtySession | undefined {
    return this.sessions.get(id);
  }

  kill(id: number): void {
    this.sessions.get(id)?.kill();
    this.sessions.delete(id);
  }

  killAll(): void {
    for (const session of this.sessions.values()) session.kill();
    this.sessions.clear();
  }

  get size(): number {
    return this.sessions.size;
  }
}
