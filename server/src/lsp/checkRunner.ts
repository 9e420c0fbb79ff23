import * as path from 'node:path';
import type { CheckResult, EvalOptions, EvalResult, Evaluate, RunSummary, ScopeEvaluation } from '../eval/types';
import type { CheckDecl } from '../model/types';
import { hasErrors } from '../model/analyze';
import { ownSpans } from './keptResults';
import { staticResult } from './staticFindings';
import type { CheckRecord, HieFile } from './workspaceState';

/** An evaluation that was overtaken (newer edit, plugin reload): its result must not be published. */
export class StaleRun extends Error {
  constructor() {
    super('stale evaluation');
  }
}

const EMPTY_SUMMARY: RunSummary = { total: 0, passed: 0, failed: 0, errors: 0, skipped: 0 };

/** What one run evaluates: everything, some elements (their own and pattern checks), or some checks. */
export interface RunSelection {
  elements?: string[];
  /** Checks of the file's current program (identity). */
  checks?: ReadonlySet<CheckDecl>;
}

export interface RunHooks {
  patternChecks?: boolean;
  onResult?: (result: CheckResult) => void;
}

/**
 * Evaluates the checks of one file with its project's libraries. With a selection, only
 * those elements or checks are evaluated and their results replace the previous ones of the
 * same revision (the rest is kept). Elements are re-run in full when the previous results
 * are of an older revision; checks are not: the record then holds only what ran.
 * Undefined when the file has validation errors: nothing runs (like `hielements run`), and the
 * last results stay. Throws StaleRun when the file or the plugins changed meanwhile.
 */
export async function runChecks(
  evaluate: Evaluate,
  file: HieFile,
  signal: AbortSignal,
  selection: RunSelection = {},
  hooks: RunHooks = {},
): Promise<CheckRecord | undefined> {
  const project = file.project;
  await project.load();
  const revision = file.revision;
  const generation = project.generation;
  const analysis = file.doc.analysis;
  const registry = project.registry();
  const current = (): boolean => file.revision === revision && project.generation === generation && !signal.aborted;
  if (hasErrors(analysis.diagnostics)) return undefined;
  if (!registry) return { revision, generation, results: [], scopes: [], summary: EMPTY_SUMMARY };
  // what the static checker knows will fail is recorded as such, not evaluated
  const knownFailures = staticResult(file, { patternChecks: hooks.patternChecks }).checkErrors;
  const run = (only: Pick<EvalOptions, 'onlyElement' | 'onlyChecks'> = {}): Promise<EvalResult> =>
    evaluate(analysis.program, { workspace: project.root, index: project.evalIndex, registry, file: file.path, signal, patternChecks: hooks.patternChecks, onResult: hooks.onResult, knownFailures, ...only });

  const previous = file.checks;
  const same = previous !== undefined && previous.revision === revision && previous.generation === generation;
  let results: CheckResult[];
  let scopes: ScopeEvaluation[];
  let summary: RunSummary;
  if (selection.checks) {
    const out = await run({ onlyChecks: selection.checks });
    if (!current()) throw new StaleRun();
    const ran = new Set(out.scopes.map((s) => `${s.elementPath}.${s.name}`));
    // the same text: a check is its element and position (the program may have been analysed again meanwhile)
    const at = (elementPath: string, start: number): string => `${elementPath}@${start}`;
    const rerun = new Set(out.results.map((r) => at(r.elementPath, r.check.span.startIndex)));
    results = [...(same ? previous.results.filter((r) => !rerun.has(at(r.elementPath, r.check.span.startIndex))) : []), ...out.results];
    scopes = [...(same ? previous.scopes.filter((s) => !ran.has(`${s.elementPath}.${s.name}`)) : []), ...out.scopes];
    results.sort((a, b) => a.check.span.startIndex - b.check.span.startIndex);
    summary = summarize(results);
  } else if (selection.elements && same) {
    const onlyElements = selection.elements;
    // pattern checks of an element are reported under `<element>#<pattern path>`
    const owner = (elementPath: string) => elementPath.split('#')[0];
    results = previous.results.filter((r) => !onlyElements.includes(owner(r.elementPath)));
    scopes = previous.scopes.filter((s) => !onlyElements.includes(s.elementPath));
    for (const element of onlyElements) {
      const out = await run({ onlyElement: element });
      if (!current()) throw new StaleRun();
      results.push(...out.results.filter((r) => owner(r.elementPath) === element));
      scopes.push(...out.scopes.filter((s) => s.elementPath === element));
    }
    results.sort((a, b) => a.check.span.startIndex - b.check.span.startIndex);
    summary = summarize(results);
  } else {
    const out = await run();
    results = out.results;
    scopes = out.scopes;
    summary = out.summary;
  }
  if (!current()) throw new StaleRun();
  return ownSpans({ revision, generation, results, scopes, summary });
}

export function summarize(results: readonly CheckResult[]): RunSummary {
  const count = (s: string): number => results.filter((r) => r.outcome.status === s).length;
  return { total: results.length, passed: count('pass'), failed: count('fail'), errors: count('error'), skipped: 0 };
}

/**
 * Elements whose checks may see a change of `changed` (a file or folder path), or undefined
 * when that cannot be known (no previous run, a scope that failed to evaluate): then
 * everything re-runs. Affected: elements with a scope covering the path (a glob scope
 * always: a created file may match), elements whose checks select files inline
 * (`files.exists(files.folder_selector('src'), …)`), and their descendants, whose checks
 * can read an ancestor's scopes (language.md §7.3). Not tracked: a check reaching another
 * branch's scope by the suffix rule.
 */
export function affectedElements(record: CheckRecord | undefined, changed: string, root: string): string[] | undefined {
  if (!record) return undefined;
  const affected = new Set<string>();
  for (const s of record.scopes) {
    if (s.outcome.kind === 'error') return undefined;
    if (s.outcome.kind !== 'value' || s.outcome.value.type !== 'scope') continue;
    const value = s.outcome.value;
    const covers = value.paths.some((p) => {
      const abs = path.resolve(root, p);
      return abs === changed || changed.startsWith(`${abs}${path.sep}`);
    });
    if (covers || 'Glob' in value.kind || !value.resolved) affected.add(s.elementPath);
  }
  for (const r of record.results) {
    const expr = r.check.expression;
    if (expr.kind === 'call' && expr.args.some((a) => a.kind === 'call')) affected.add(r.elementPath);
  }
  const paths = new Set([...record.results.map((r) => r.elementPath), ...record.scopes.map((s) => s.elementPath)]);
  for (const p of paths) for (const a of [...affected]) if (p.startsWith(`${a}.`)) affected.add(p);
  return [...affected];
}
