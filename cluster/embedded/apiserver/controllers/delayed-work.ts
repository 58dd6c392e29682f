// Keyed timers for controllers that must look again later (the workqueue's AddAfter): a
// deployment's progress deadline, a ReplicaSet's minReadySeconds. One pending run per key; a
// sooner request replaces a later one. Timers never keep the process alive.

export class DelayedWork {
  private readonly pending = new Map<string, { due: number; timer: NodeJS.Timeout }>();

  constructor(private readonly now: () => number = Date.now) {}

  after(key: string, delayMs: number, work: () => void): void {
    const due = this.now() + Math.max(0, delayMs);
    const current = this.pending.get(key);
    if (current && current.due <= due) return;
    if (current) clearTimeout(current.timer);
    const timer = setTimeout(() => {
      this.pending.delete(key);
      work();
    }, Math.max(0, delayMs));
    timer.unref();
    this.pending.set(key, { due, timer });
  }

  stop(): void {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}
