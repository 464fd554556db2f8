// How many deliveries run at once. Postfix's queue manager runs at most
// default_destination_concurrency_limit (20) deliveries to one destination and lets the rest wait
// in the active queue; a sender that opened a connection and a DNS query per queued message at once
// would starve its own event loop, and its lookups would time out. The lab's mail goes to a
// handful of domains, so one limit for all is enough.

/** Postfix's default_destination_concurrency_limit. */
export const DELIVERY_CONCURRENCY = 20;

export class DeliverySlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit = DELIVERY_CONCURRENCY) {}

  /** Resolves when a slot is free; call the function it gives to free it again. */
  async acquire(): Promise<() => void> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `running` stays as it is.
      if (next) next();
      else this.running--;
    };
  }
}
