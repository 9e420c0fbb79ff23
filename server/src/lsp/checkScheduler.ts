/**
 * When check evaluations run: a debounced run per key (a .hie file), a newer request
 * cancelling the pending timer and aborting the run in flight (its AbortSignal), and a way
 * to wait for a run. The run itself decides whether its result is still current.
 */
export type CheckJob = (key: string, signal: AbortSignal) => Promise<void>;

export class CheckScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();

  constructor(private readonly job: CheckJob, private readonly onError: (key: string, error: unknown) => void) {}

  /** Run after `delayMs`, unless scheduled again or cancelled before. */
  schedule(key: string, delayMs: number): void {
    this.cancel(key);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.start(key);
      }, delayMs),
    );
  }

  /** Run now (cancelling a pending or running one) and resolve when it has finished; `job` replaces the usual job for this run. */
  runNow(key: string, job: CheckJob = this.job): Promise<void> {
    this.cancel(key);
    return this.start(key, job);
  }

  /** Drop the pending run and abort the one in flight. */
  cancel(key: string): void {
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
    this.running.get(key)?.controller.abort();
  }

  /** Resolves when nothing is pending or running for `key`. */
  async idle(key: string): Promise<void> {
    while (this.timers.has(key) || this.running.has(key)) {
      await (this.running.get(key)?.done ?? new Promise((r) => setTimeout(r, 10)));
    }
  }

  isBusy(): boolean {
    return this.timers.size > 0 || this.running.size > 0;
  }

  dispose(): void {
    for (const key of [...this.timers.keys(), ...this.running.keys()]) this.cancel(key);
  }

  private start(key: string, job: CheckJob = this.job): Promise<void> {
    const controller = new AbortController();
    const previous = this.running.get(key)?.done ?? Promise.resolve();
    // one run per key at a time: the new one starts once the aborted one has unwound
    const done = previous
      .then(() => (controller.signal.aborted ? undefined : job(key, controller.signal)))
      .catch((e: unknown) => {
        if (!controller.signal.aborted) this.onError(key, e);
      })
      .finally(() => {
        if (this.running.get(key)?.controller === controller) this.running.delete(key);
      });
    this.running.set(key, { controller, done });
    return done;
  }
}
