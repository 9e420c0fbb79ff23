/**
 * Params of the server's `hielements/checkSummary` notification (sent after every check run,
 * and when edits make the totals older: results are kept, moved with the text, until the
 * next run).
 */
export interface CheckSummary {
  passed: number;
  failed: number;
  errors: number;
  total: number;
  /** Files whose totals come from a run before their latest edits. */
  outdated: number;
}

export const CHECK_SUMMARY_NOTIFICATION = 'hielements/checkSummary';

export type SummarySeverity = 'ok' | 'failed' | 'errors';

export interface SummaryView {
  /** Status bar text with codicons, e.g. "$(check) 12 passed $(error) 2 failed". */
  text: string;
  tooltip: string;
  severity: SummarySeverity;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : 0;
}

/** Reads untrusted notification params; missing or bad numbers count as 0. */
export function parseCheckSummary(params: unknown): CheckSummary {
  const p = (params ?? {}) as Record<string, unknown>;
  const passed = count(p.passed);
  const failed = count(p.failed);
  const errors = count(p.errors);
  const total = typeof p.total === 'number' ? count(p.total) : passed + failed + errors;
  return { passed, failed, errors, total, outdated: count(p.outdated) };
}

export function formatCheckSummary(summary: CheckSummary): SummaryView {
  const { passed, failed, errors, total, outdated } = summary;
  let text = `$(check) ${passed} passed $(error) ${failed} failed`;
  if (errors > 0) text += ` $(warning) ${errors} ${errors === 1 ? 'error' : 'errors'}`;
  if (outdated > 0) text += ' $(history) older revision';
  const checks = total === 1 ? 'check' : 'checks';
  const older =
    outdated > 0 ? ` From the last run, before the latest edits of ${outdated} ${outdated === 1 ? 'file' : 'files'}: they update when the checks run again.` : '';
  const tooltip =
    `Hielements: ${passed} passed, ${failed} failed, ${errors} ${errors === 1 ? 'error' : 'errors'} ` +
    `(${total} ${checks}).${older} Click to run the checks again.`;
  const severity: SummarySeverity = failed > 0 ? 'failed' : errors > 0 ? 'errors' : 'ok';
  return { text, tooltip, severity };
}
