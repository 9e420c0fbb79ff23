import type { CheckResult, RunSummary } from '../../eval/types';
import type { ScopeEvaluation } from '../../eval/types';
import { prettyJson } from '../prettyJson';
import { PLAIN, type Style } from '../style';

/** `run`'s human report (cli.md §3 step 6). */
export function humanReport(file: string, results: readonly CheckResult[], summary: RunSummary, style: Style = PLAIN): string {
  let out = `${style.note('Starting')} Running checks in \`${file}\`...\n\n`;
  for (const r of results) {
    const o = r.outcome;
    const word = o.status === 'pass' ? style.ok('PASS') : o.status === 'fail' ? style.bad('FAIL') : style.warn('ERROR');
    out += `  ${word} ${r.elementPath} :: ${r.text}\n`;
    if (o.status !== 'pass') out += `        ${style.dim('-->')} ${o.message}\n`;
  }
  const skipped = summary.skipped > 0 ? `, ${summary.skipped} skipped` : '';
  out += `\nSummary: ${summary.total} total, ${summary.passed} passed, ${summary.failed} failed, ${summary.errors} errors${skipped}\n`;
  return out;
}

/** `run --format json`: keys in alphabetical order at every level; `skipped` not reported. */
export function jsonReport(results: readonly CheckResult[], summary: RunSummary): string {
  return prettyJson({
    results: results.map((r) => ({
      check: r.text,
      element: r.elementPath,
      message: r.outcome.status === 'pass' ? null : r.outcome.message,
      status: r.outcome.status,
    })),
    status: summary.failed === 0 && summary.errors === 0 ? 'ok' : 'error',
    summary: { errors: summary.errors, failed: summary.failed, passed: summary.passed, total: summary.total },
    version: '1.0',
  });
}

/** `--verbose` lines for one scope. */
export function verboseScope(e: ScopeEvaluation): string {
  const head = `[verbose] Evaluating scope: ${e.elementPath}.${e.name}\n`;
  const o = e.outcome;
  if (o.kind === 'unbounded') return head + '[verbose]   -> unbounded scope (no expression)\n';
  if (o.kind === 'error') return head + `[verbose]   -> ERROR: ${o.message}\n`;
  return head + `[verbose]   -> resolved ${o.value.type === 'scope' ? o.value.paths.length : 0} paths\n`;
}

/** `--verbose` line for one executed check. */
export function verboseResult(r: CheckResult): string {
  const o = r.outcome;
  const status = o.status === 'pass' ? 'PASS' : o.status === 'fail' ? `FAIL: ${o.message}` : `ERROR: ${o.message}`;
  return `[verbose] Running: ${r.elementPath} :: ${r.text} ... ${status}\n`;
}
