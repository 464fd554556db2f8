// What the MTA-STS policy host serves for each policy domain (RFC 8461 §3.3), editable while the
// lab runs, with the lesson switches that show how a sender must react to a broken answer.

export type PolicyLesson =
  | { kind: 'normal' }
  /** RFC 8461 §3.2: a sender SHOULD check for text/plain. */
  | { kind: 'wrong-media-type'; mediaType?: string }
  /** RFC 8461 §3.3: 3xx MUST NOT be followed. */
  | { kind: 'redirect'; location?: string }
  | { kind: 'not-found' }
  /** RFC 8461 §3.3: a sender MAY cap the size (64 KB suggested). */
  | { kind: 'oversize'; bytes?: number }
  /** RFC 8461 §3.3: a sender MAY cap the time (1 minute suggested). */
  | { kind: 'slow'; delayMs: number };

export interface PolicyEntry {
  text: string;
  mediaType: string;
  lesson: PolicyLesson;
}

export const POLICY_PATH = '/.well-known/mta-sts.txt';

export class PolicyStore {
  private readonly entries = new Map<string, PolicyEntry>();

  /** Serves this policy text for the domain; the lesson switch is kept unless given. */
  set(domain: string, text: string, options: { mediaType?: string; lesson?: PolicyLesson } = {}): void {
    const key = domain.toLowerCase();
    const old = this.entries.get(key);
    this.entries.set(key, {
      text,
      mediaType: options.mediaType ?? old?.mediaType ?? 'text/plain',
      lesson: options.lesson ?? old?.lesson ?? { kind: 'normal' },
    });
  }

  setLesson(domain: string, lesson: PolicyLesson): void {
    const entry = this.entries.get(domain.toLowerCase());
    if (entry) entry.lesson = lesson;
  }

  delete(domain: string): void {
    this.entries.delete(domain.toLowerCase());
  }

  get(domain: string): PolicyEntry | undefined {
    return this.entries.get(domain.toLowerCase());
  }

  domains(): string[] {
    return [...this.entries.keys()];
  }
}
