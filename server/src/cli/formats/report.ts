import * as path from 'node:path';
import type { BaselineComparison } from '../../baseline/compare';
import type { HieDiagnostic } from '../../diagnostics/diagnostic';
import type { CheckResult, RunSummary } from '../../eval/types';
import type { FunctionDoc } from '../../libraries/library';
import { memberChainText } from '../../model/expressionText';
import type { LineIndex } from '../../syntax/lineIndex';
import type { Span } from '../../syntax/span';

/**
 * What the machine-readable formats (SARIF, JUnit, GitHub) are made from: the `.hie` file,
 * its validation diagnostics and, for `run`, the check results with the spans the engine
 * gives them. Locations are relative to the current directory, `/`-separated.
 */
export interface SpecReport {
  /** The `.hie` file as given on the command line. */
  file: string;
  /** The current directory: every location is relative to it. */
  cwd: string;
  lines: LineIndex;
  /** Validation findings (`check`: errors and warnings; `run`: the errors that stopped it). */
  diagnostics: readonly HieDiagnostic[];
  run?: RunReport;
}

export interface RunReport {
  results: readonly CheckResult[];
  summary: RunSummary;
  baseline?: BaselineUse;
  /** Documentation of the library functions the checks used, by `lib.fn` (SARIF rules). */
  functionDocs?: ReadonlyMap<string, FunctionDoc>;
}

export interface BaselineUse {
  /** As given (`--baseline FILE`, or the path named in hielements.toml). */
  file: string;
  comparison: BaselineComparison;
}

/** 1-based lines and UTF-16 columns (SARIF `columnKind: utf16CodeUnits`). */
export interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface Location {
  /** Relative to the current directory, `/`-separated (absolute when outside it). */
  path: string;
  region?: Region;
  /** Only a line is known (a library's violation location). */
  line?: number;
}

export const toRegion = (span: Span): Region => ({
  startLine: span.start.row + 1,
  startColumn: span.start.column + 1,
  endLine: span.end.row + 1,
  endColumn: span.end.column + 1,
});

/** A path as reports show it: relative to `cwd` and `/`-separated when inside it, else absolute. */
export function reportPath(cwd: string, file: string): string {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return abs.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}

export const specLocation = (report: SpecReport, span: Span): Location => ({ path: reportPath(report.cwd, report.file), region: toRegion(span) });

/** Where a result is reported in the `.hie` file: the argument at fault for an error, else the check. */
export const resultSpan = (r: CheckResult): Span => (r.outcome.status === 'error' && r.errorSpan ? r.errorSpan : r.check.span);

/** The violation locations a library gave for a failure (checked: they come from plugins too). */
export function violationLocations(report: SpecReport, r: CheckResult): Location[] {
  if (r.outcome.status !== 'fail' || !Array.isArray(r.outcome.locations)) return [];
  const out: Location[] = [];
  for (const l of r.outcome.locations as unknown[]) {
    if (typeof l !== 'object' || l === null || typeof (l as { path?: unknown }).path !== 'string') continue;
    const { path: p, line } = l as { path: string; line?: unknown };
    out.push({ path: reportPath(report.cwd, p), ...(Number.isInteger(line) && (line as number) > 0 ? { line: line as number } : {}) });
  }
  return out;
}

/** `lib.fn` of a check written as a library call, else undefined. */
export function checkFunction(r: CheckResult): string | undefined {
  const e = r.check.expression;
  return e.kind === 'call' ? memberChainText(e.callee) : undefined;
}

/** Whether the baseline accepts this (failed) result. */
export const isBaselined = (report: SpecReport, r: CheckResult): boolean => report.run?.baseline?.comparison.known.has(r) === true;

/** Problems that fail the run: validation errors, errors, failures not in the baseline. */
export function failingResults(report: SpecReport): CheckResult[] {
  return (report.run?.results ?? []).filter((r) => r.outcome.status === 'error' || (r.outcome.status === 'fail' && !isBaselined(report, r)));
}
