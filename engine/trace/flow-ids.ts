/** Hands out connection ids "f1", "f2", ... shared by every event of one TCP connection. */
export class FlowIdAllocator {
  private last = 0;

  next(): string {
    return `f${++this.last}`;
  }
}
