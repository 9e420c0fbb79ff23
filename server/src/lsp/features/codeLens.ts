import type { CodeLens } from 'vscode-languageserver';
import { RUN_CHECKS_COMMAND } from '../commands';
import { modelIndex } from '../modelIndex';
import { toRange } from '../positions';
import type { HieFile } from '../workspaceState';

/**
 * One lens per element (not in patterns): its own checks' last results (kept while the file
 * is edited, keptResults.ts), click = run the file's checks.
 */
export function codeLenses(file: HieFile): CodeLens[] {
  const index = modelIndex(file.doc.analysis.program);
  const record = file.checks;
  const older = record !== undefined && record.revision !== file.revision;
  return index.declarationsOf('element').filter((d) => !d.inPattern).map((d) => {
    const own = index.checks.filter((c) => c.elementPath === d.path).length;
    const results = record?.results.filter((r) => r.elementPath === d.path) ?? [];
    const title = lensTitle(own, results.map((r) => r.outcome.status), record !== undefined, older);
    return { range: toRange(d.nameSpan), command: { title, command: RUN_CHECKS_COMMAND, arguments: [file.uri] } };
  });
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
