// A cache whose entries live as long as their TTL says (RFC 1035 §3.2.1, RFC 2308 §5 for negative answers).
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(
    private readonly now: () => number,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Remaining life of an entry in seconds (for TTLs shown on cached answers). */
  remaining(key: string): number {
    const entry = this.entries.get(key);
    return entry ? Math.max(0, Math.floor((entry.expires - this.now()) / 1000)) : 0;
  }

  set(key: string, value: V, ttlSeconds: number): void {
    if (ttlSeconds <= 0) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expires: this.now() + ttlSeconds * 1000 });
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
