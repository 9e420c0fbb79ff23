import type { CodeLens } from 'vscode-languageserver';
import { RUN_CHECKS_COMMAND } from '../commands';
import { modelIndex } from '../modelIndex';
import { toRange } from '../positions';
import { checkEntries, checkId, elementId } from '../testing/testItems';
import type { HieFile } from '../workspaceState';

/** What a lens runs: `hielements.runChecks [uri, { testId }]` runs that test item (its checks only). */
export interface RunLensArgument {
  testId: string;
}

/**
 * One lens per element (not in patterns) with its own checks' last results, and a "Run" lens per
 * check; clicking either runs just that item (an element: its checks and its descendants'). Spec
 * files only. `running`: ids of the checks being run now (their lenses say so). Results are the
 * last ones, kept while the file is edited (keptResults.ts); the lens says when they are older.
 */
export function codeLenses(file: HieFile, running: ReadonlySet<string> = new Set()): CodeLens[] {
  if (!file.spec) return [];
  const index = modelIndex(file.doc.analysis.program);
  const record = file.checks;
  const older = record !== undefined && record.revision !== file.revision;
  const entries = checkEntries(file.doc.analysis.program);
  const run = (testId: string) => ({ command: RUN_CHECKS_COMMAND, arguments: [file.uri, { testId } satisfies RunLensArgument] });
  const elements = index.declarationsOf('element').filter((d) => !d.inPattern).map((d): CodeLens => {
    const own = index.checks.filter((c) => c.elementPath === d.path).length;
    const busy = entries.some((e) => (e.elementPath === d.path || e.elementPath.startsWith(`${d.path}.`)) && running.has(checkId(file.uri, e)));
    const results = record?.results.filter((r) => r.elementPath === d.path) ?? [];
    const title = busy ? '⟳ running…' : lensTitle(own, results.map((r) => r.outcome.status), record !== undefined, older);
    return { range: toRange(d.nameSpan), command: { title, ...run(elementId(file.uri, d.path)) } };
  });
  const checks = entries.map((e): CodeLens => {
    const id = checkId(file.uri, e);
    return { range: toRange(e.check.span), command: { title: running.has(id) ? '⟳ running…' : '▶ Run', ...run(id) } };
  });
  return [...elements, ...checks].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** Pure: `✓ 2 passed  ✗ 1 failed  ⚠ 1 error`, `no checks`, or `3 checks (not run)`; `older`: before the latest edits. */
export function lensTitle(checkCount: number, statuses: string[], evaluated: boolean, older = false): string {
  if (checkCount === 0) return 'no checks';
  if (!evaluated || statuses.length === 0) return `${checkCount} check${checkCount === 1 ? '' : 's'} (not run)`;
  const count = (s: string): number => statuses.filter((x) => x === s).length;
  const parts = [`✓ ${count('pass')} passed`];
  if (count('fail') > 0) parts.push(`✗ ${count('fail')} failed`);
  if (count('error') > 0) parts.push(`⚠ ${count('error')} error${count('error') === 1 ? '' : 's'}`);
  if (older) parts.push('(last run, before edits)');
  return parts.join('  ');
}
