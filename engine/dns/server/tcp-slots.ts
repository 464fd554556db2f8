// A bounded set of DNS-over-TCP connections where an idle connection never holds a slot a new
// query needs: at the bound, the connection idle the longest is closed to make room. RFC 7766
// §6.2.3: a server under pressure may close idle connections; clients reconnect when they need to.

interface Slot {
  lastActive: number;
  busy(): boolean;
}

export class TcpSlots<S extends { destroy(): void }> {
  private readonly slots = new Map<S, Slot>();

  constructor(
    private readonly max: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes a slot for the connection, closing the longest-idle one when full; false when every one is busy. */
  admit(socket: S, busy: () => boolean): boolean {
    if (this.slots.size >= this.max) {
      const victim = this.longestIdle();
      if (!victim) return false;
      this.slots.delete(victim);
      victim.destroy();
    }
    this.slots.set(socket, { lastActive: this.now(), busy });
    return true;
  }

  /** The connection sent or received something. */
  touch(socket: S): void {
    const slot = this.slots.get(socket);
    if (slot) slot.lastActive = this.now();
  }

  release(socket: S): void {
    this.slots.delete(socket);
  }

  get size(): number {
    return this.slots.size;
  }

  all(): S[] {
    return [...this.slots.keys()];
  }

  private longestIdle(): S | undefined {
    let found: S | undefined;
    let oldest = Infinity;
    for (const [socket, slot] of this.slots) {
      if (slot.busy() || slot.lastActive >= oldest) continue;
      oldest = slot.lastActive;
      found = socket;
    }
    return found;
  }
}
