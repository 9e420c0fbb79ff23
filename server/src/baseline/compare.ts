import type { CheckResult } from '../eval/types';
import type { Baseline, BaselineEntry } from './baselineFile';

/** A run's results held against a baseline. */
export interface BaselineComparison {
  /** Failures the baseline lists (accepted for now). */
  known: ReadonlySet<CheckResult>;
  /** Failures it does not list: these fail the run. */
  fresh: CheckResult[];
  /** Entries of this `.hie` file that did not fail: fixed since (or the check is gone). */
  stale: BaselineEntry[];
}

const key = (file: string, element: string, check: string): string => JSON.stringify([file, element, check]);
const entryKey = (e: BaselineEntry): string => key(e.file, e.element, e.check);

/**
 * Matches the failures of one `.hie` file (named `fileKey` in the baseline) against its
 * entries, as a multiset: an entry accepts one failure. Errors are never accepted (a check
 * that cannot run is a broken spec, not a known violation). An unmatched entry is stale when
 * its check ran, or when every check ran (`complete`: no --filter/--limit).
 */
export function compareWithBaseline(baseline: Baseline, fileKey: string, results: readonly CheckResult[], complete: boolean): BaselineComparison {
  const remaining = new Map<string, number>();
  for (const e of baseline.entries) {
    if (e.file === fileKey) remaining.set(entryKey(e), (remaining.get(entryKey(e)) ?? 0) + 1);
  }
  const known = new Set<CheckResult>();
  const fresh: CheckResult[] = [];
  const ran = new Set<string>();
  for (const r of results) {
    const k = key(fileKey, r.elementPath, r.text);
    ran.add(k);
    if (r.outcome.status !== 'fail') continue;
    const left = remaining.get(k) ?? 0;
    if (left > 0) {
      remaining.set(k, left - 1);
      known.add(r);
    } else fresh.push(r);
  }
  const stale: BaselineEntry[] = [];
  for (const e of baseline.entries) {
    const k = entryKey(e);
    const left = remaining.get(k) ?? 0;
    if (e.file !== fileKey || left === 0 || !(complete || ran.has(k))) continue;
    remaining.set(k, left - 1);
    stale.push(e);
  }
  return { known, fresh, stale };
}

/**
 * The baseline after recording this run of `fileKey`: entries of other files are kept;
 * this file's entries become its current failures, except entries of checks that did not
 * run (--filter/--limit), which are kept as they were.
 */
export function recordFailures(baseline: Baseline, fileKey: string, results: readonly CheckResult[], complete: boolean): Baseline {
  const ran = new Set(results.map((r) => key(fileKey, r.elementPath, r.text)));
  const kept = baseline.entries.filter((e) => e.file !== fileKey || (!complete && !ran.has(entryKey(e))));
  const failures = results
    .filter((r) => r.outcome.status === 'fail')
    .map((r): BaselineEntry => ({ file: fileKey, element: r.elementPath, check: r.text }));
  return { entries: [...kept, ...failures] };
}
