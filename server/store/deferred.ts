/**
 * Work a transaction runs once, just before it commits and inside it, registered by key: what a
 * transaction gathers as it goes (counters) is written once at the end rather than at every step.
 * Both adapters keep one per transaction; a CloudBase retry starts with a fresh one.
 */
export class Deferred<T> {
  private readonly hooks = new Map<string, (tx: T) => Promise<void>>();

  /** Registers `run` under `key`; a key already registered keeps its first hook. */
  add(key: string, run: (tx: T) => Promise<void>): void {
    if (!this.hooks.has(key)) this.hooks.set(key, run);
  }

  /** Runs every hook once, in the order registered, hooks registered by hooks included. */
  async flush(tx: T): Promise<void> {
    const done = new Set<string>();
    for (let next = this.pending(done); next; next = this.pending(done)) {
      done.add(next[0]);
      await next[1](tx);
    }
  }

  private pending(done: Set<string>) {
    for (const entry of this.hooks) if (!done.has(entry[0])) return entry;
    return undefined;
  }
}
