import { performance } from 'node:perf_hooks';

/**
 * Cooperative scheduling for long evaluations on the message-loop thread: `pause()` gives
 * the event loop a turn (so hovers, completions and edits are served) once the current
 * slice has run for `budgetMs`.
 */
export class TimeSlicer {
  private sliceStart = performance.now();

  constructor(private readonly budgetMs = 3) {}

  async pause(): Promise<void> {
    if (performance.now() - this.sliceStart < this.budgetMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.sliceStart = performance.now();
  }
}
