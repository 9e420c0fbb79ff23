import type { CheckOutcome } from '../libraries/library';
import type { RunSummary } from './types';

/** `--limit`/`--filter` admission and the run's counts (language.md §7.5–§7.6). */
export class RunCounter {
  private passed = 0;
  private failed = 0;
  private errors = 0;
  private skipped = 0;

  constructor(
    private readonly limit: number | undefined,
    private readonly filter: string | undefined,
  ) {}

  get executed(): number {
    return this.passed + this.failed + this.errors;
  }

  /** An element visited after the limit was reached is abandoned (its checks are not counted). */
  limitReached(): boolean {
    return this.limit !== undefined && this.executed >= this.limit;
  }

  /** Whether the next check of `elementPath` runs; if not it is counted as skipped. The limit is tested before the filter. */
  admit(elementPath: string): boolean {
    if (this.limitReached() || (this.filter !== undefined && !elementPath.includes(this.filter))) {
      this.skipped++;
      return false;
    }
    return true;
  }

  record(status: CheckOutcome['status']): void {
    if (status === 'pass') this.passed++;
    else if (status === 'fail') this.failed++;
    else this.errors++;
  }

  summary(): RunSummary {
    return { total: this.executed, passed: this.passed, failed: this.failed, errors: this.errors, skipped: this.skipped };
  }
}
