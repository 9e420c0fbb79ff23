import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver';

/** Reports are sent at most this often. */
const REPORT_EVERY_MS = 100;

/**
 * `$/progress` (window/workDoneProgress) for a check run: begun at once for a run the user asked
 * for, after `delayMs` for a background one (a short run shows nothing), cancellable (the
 * client's Cancel aborts `signal`). Without client support it only counts.
 */
export class RunProgress {
  private readonly controller = new AbortController();
  private reporter: WorkDoneProgressServerReporter | undefined;
  private timer: NodeJS.Timeout | undefined;
  private ended = false;
  private lastReport = 0;
  private done = 0;

  private constructor(
    private readonly connection: Connection,
    private readonly title: string,
    private readonly total: number,
  ) {}

  /** Starts a progress for `total` checks (shown after `delayMs`; 0 = now). */
  static start(connection: Connection, supported: boolean, title: string, total: number, delayMs = 0): RunProgress {
    const progress = new RunProgress(connection, title, total);
    if (supported) {
      if (delayMs <= 0) void progress.show();
      else progress.timer = setTimeout(() => void progress.show(), delayMs);
    }
    return progress;
  }

  /** Aborted when the user cancels the progress. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** One more check finished. */
  result(): void {
    this.done++;
    const now = Date.now();
    if (!this.reporter || now - this.lastReport < REPORT_EVERY_MS) return;
    this.lastReport = now;
    this.reporter.report(this.percentage(), this.message());
  }

  end(): void {
    this.ended = true;
    clearTimeout(this.timer);
    this.reporter?.done();
    this.reporter = undefined;
  }

  private async show(): Promise<void> {
    const reporter = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
    if (!reporter) return;
    if (this.ended) {
      reporter.done();
      return;
    }
    this.reporter = reporter;
    reporter.token.onCancellationRequested(() => this.controller.abort());
    reporter.begin(this.title, this.percentage(), this.message(), true);
  }

  private percentage(): number {
    return this.total > 0 ? Math.min(100, Math.round((100 * this.done) / this.total)) : 0;
  }

  private message(): string {
    return `${this.done}/${this.total} check${this.total === 1 ? '' : 's'}`;
  }
}
