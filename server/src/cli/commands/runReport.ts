import { resultSpan } from '../../eval/resultSpan';
import type { CheckResult, RunSummary } from '../../eval/types';
import type { ScopeEvaluation } from '../../eval/types';
import type { LineIndex } from '../../syntax/lineIndex';
import type { Point } from '../../syntax/span';
import type { BaselineUse } from '../formats/report';
import { prettyJson } from '../prettyJson';
import { PLAIN, type Style } from '../style';

/**
 * `run`'s human report (cli.md §3 step 6), plus the place of every FAIL and ERROR as
 * `file:line:col` on the line after its message (not in the reference); failures the
 * baseline lists (`known`) say KNOWN instead of FAIL.
 */
export function humanReport(
  file: string,
  results: readonly CheckResult[],
  summary: RunSummary,
  lines: LineIndex,
  style: Style = PLAIN,
  known?: ReadonlySet<CheckResult>,
): string {
  let out = `${style.note('Starting')} Running checks in \`${file}\`...\n\n`;
  for (const r of results) {
    const o = r.outcome;
    const word = o.status === 'pass' ? style.ok('PASS') : o.status === 'error' ? style.warn('ERROR') : known?.has(r) ? style.warn('KNOWN') : style.bad('FAIL');
    out += `  ${word} ${r.elementPath} :: ${r.text}\n`;
    if (o.status !== 'pass') {
      const at = lines.bytePosition(resultSpan(r).start);
      out += `        ${style.dim('-->')} ${o.message}\n        ${style.dim(`at ${file}:${at.line}:${at.column}`)}\n`;
    }
  }
  const skipped = summary.skipped > 0 ? `, ${summary.skipped} skipped` : '';
  out += `\nSummary: ${summary.total} total, ${summary.passed} passed, ${summary.failed} failed, ${summary.errors} errors${skipped}\n`;
  return out;
}

/**
 * `run --format json`: keys in alphabetical order at every level; `skipped` not reported. Each
 * result also has the `span` it points at (as `check`'s diagnostics do; not in the reference).
 * With a baseline, each result says whether the baseline lists it, a `baseline` object gives
 * the counts and stale entries, and `status` is "ok" when nothing new failed.
 */
export function jsonReport(results: readonly CheckResult[], summary: RunSummary, lines: LineIndex, baseline?: BaselineUse): string {
  const known = baseline?.comparison.known;
  const failed = baseline ? baseline.comparison.fresh.length : summary.failed;
  return prettyJson({
    ...(baseline
      ? {
          baseline: {
            file: baseline.file,
            known: known?.size ?? 0,
            new: baseline.comparison.fresh.length,
            stale: baseline.comparison.stale.map((e) => ({ check: e.check, element: e.element, file: e.file })),
          },
        }
      : {}),
    results: results.map((r) => {
      const span = resultSpan(r);
      return {
        ...(baseline ? { baselined: known?.has(r) === true } : {}),
        check: r.text,
        element: r.elementPath,
        message: r.outcome.status === 'pass' ? null : r.outcome.message,
        span: { end: position(lines, span.end), start: position(lines, span.start) },
        status: r.outcome.status,
      };
    }),
    status: failed === 0 && summary.errors === 0 ? 'ok' : 'error',
    summary: { errors: summary.errors, failed: summary.failed, passed: summary.passed, total: summary.total },
    version: '1.0',
  });
}

/** A position with its keys in alphabetical order, as the rest of the run report. */
function position(lines: LineIndex, point: Point): { column: number; line: number; offset: number } {
  const p = lines.bytePosition(point);
  return { column: p.column, line: p.line, offset: p.offset };
}

/** After the summary: what the baseline accepted, what is new, and entries that no longer fail. */
export function baselineReport(baseline: BaselineUse, style: Style = PLAIN): string {
  const { known, fresh, stale } = baseline.comparison;
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  let out = `Baseline \`${baseline.file}\`: ${n(known.size, 'known failure')}, ${fresh.length} new, ${n(stale.length, 'stale entry').replace('entrys', 'entries')}\n`;
  for (const e of stale) out += `  ${style.note('STALE')} ${e.element} :: ${e.check}\n        ${style.dim('-->')} no longer fails: remove it with --write-baseline ${baseline.file}\n`;
  return out;
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
