import type { CheckResult } from '../../eval/types';
import { checkFunction, isBaselined, reportPath, resultSpan, specLocation, violationLocations, type Location, type SpecReport } from './report';

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…::message`): each becomes an
 * annotation on the pull request. Failing and erroring checks are errors at the check (and
 * at each violation location a library reports); baselined failures and stale baseline
 * entries are notices; validation errors and warnings keep their severity.
 */

const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

type Level = 'error' | 'warning' | 'notice';

function command(level: Level, loc: Location | undefined, title: string, message: string): string {
  const props: string[] = [];
  if (loc) {
    props.push(`file=${escapeProperty(loc.path)}`);
    if (loc.region) {
      const r = loc.region;
      props.push(`line=${r.startLine}`, `col=${r.startColumn}`);
      // GitHub draws a column range only within one line
      if (r.endLine === r.startLine) props.push(`endColumn=${r.endColumn}`);
      else props.push(`endLine=${r.endLine}`);
    } else if (loc.line !== undefined) props.push(`line=${loc.line}`);
  }
  props.push(`title=${escapeProperty(title)}`);
  return `::${level} ${props.join(',')}::${escapeData(message)}\n`;
}

function resultCommands(report: SpecReport, r: CheckResult): string {
  const o = r.outcome;
  if (o.status === 'pass') return '';
  const title = `hielements ${checkFunction(r) ?? 'check'}`;
  const at = specLocation(report, resultSpan(r));
  if (o.status === 'error') return command('error', at, title, `${r.elementPath} :: ${r.text}: check could not run: ${o.message}`);
  if (isBaselined(report, r)) {
    return command('notice', at, title, `${r.elementPath} :: ${r.text}: known failure (baseline ${report.run?.baseline?.file}): ${o.message}`);
  }
  let out = command('error', at, title, `${r.elementPath} :: ${r.text}: ${o.message}`);
  const where = `${at.path}:${at.region?.startLine}`;
  for (const v of violationLocations(report, r)) out += command('error', v, title, `violates ${r.elementPath} :: ${r.text} (${where}): ${o.message}`);
  return out;
}

export function githubReport(report: SpecReport): string {
  let out = '';
  for (const d of report.diagnostics) {
    out += command(d.severity === 'error' ? 'error' : 'warning', specLocation(report, d.span), `hielements ${d.code}`, d.message);
  }
  const run = report.run;
  if (!run) return out;
  for (const r of run.results) out += resultCommands(report, r);
  if (run.baseline) {
    for (const e of run.baseline.comparison.stale) {
      out += command('notice', { path: reportPath(report.cwd, report.file) }, 'hielements baseline', `stale baseline entry (no longer fails): ${e.element} :: ${e.check}; update ${run.baseline.file} with --write-baseline`);
    }
  }
  const s = run.summary;
  out += `Summary: ${s.total} total, ${s.passed} passed, ${s.failed} failed, ${s.errors} errors${s.skipped > 0 ? `, ${s.skipped} skipped` : ''}\n`;
  return out;
}
