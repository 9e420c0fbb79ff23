import type { CancellationToken, Connection } from 'vscode-languageserver';
import type { CheckResult } from '../../eval/types';
import type { CheckDecl } from '../../model/types';
import type { CheckService } from '../checkService';
import { resultDiagnostic } from '../publisher';
import { RunProgress } from '../runProgress';
import { toRange } from '../positions';
import { documentKey } from '../uris';
import type { HieFile, WorkspaceState } from '../workspaceState';
import type { RunTestsParams, RunTestsResult, TestResultData } from './protocol';
import { checkEntries, checkId, entryUnder, parseTestId, type CheckEntry, type ParsedTestId } from './testItems';

/** One file's part of a run: the ids of the checks asked for. */
interface FileRun {
  file: HieFile;
  ids: Set<string>;
}

/**
 * `hielements/runTests` (and the "Run" code lenses): runs exactly the checks under the
 * included items minus the excluded ones, file by file, with `$/progress` (cancellable, like
 * the request), and answers with one result per check. While a run is in flight, the ids of
 * its checks are in `running` (code lens titles show it).
 */
export class TestRuns {
  readonly running = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly state: WorkspaceState,
    private readonly checks: CheckService,
    private readonly progressSupported: boolean,
    private readonly refreshLenses: () => void,
  ) {}

  async run(params: RunTestsParams, token?: CancellationToken): Promise<RunTestsResult> {
    const plan = this.plan(params);
    const total = plan.reduce((n, p) => n + p.ids.size, 0);
    const results: TestResultData[] = [];
    if (total === 0) return { results };
    const progress = RunProgress.start(this.connection, this.progressSupported, `Hielements: running ${total} check${total === 1 ? '' : 's'}`, total);
    const cancelled = token ? AbortSignal.any([progress.signal, abortedBy(token)]) : progress.signal;
    for (const p of plan) for (const id of p.ids) this.running.add(id);
    this.refreshLenses();
    try {
      for (const { file, ids } of plan) {
        // the results of this run's last attempt (an attempt overtaken by an edit is repeated)
        let produced: CheckResult[] = [];
        const select = (): ReadonlySet<CheckDecl> | undefined => {
          produced = [];
          return this.selection(file, ids);
        };
        const onResult = (result: CheckResult): void => {
          produced.push(result);
          progress.result();
        };
        const recorded = cancelled.aborted ? false : await this.checks.runSelected(file, select, { signal: cancelled, onResult });
        results.push(...this.results(file, ids, produced, recorded, cancelled.aborted));
        for (const id of ids) this.running.delete(id);
      }
    } finally {
      for (const p of plan) for (const id of p.ids) this.running.delete(id);
      progress.end();
      this.refreshLenses();
    }
    return { results };
  }

  /** Per spec file, the ids of the checks under `include` (everything when absent) and not under `exclude`. */
  private plan(params: RunTestsParams): FileRun[] {
    const include = params.include?.map(parseTestId);
    const exclude = (params.exclude ?? []).map(parseTestId);
    const files = include
      ? [...new Set(include.map((i) => documentKey(i.uri)))].map((k) => this.state.files.get(k)).filter((f): f is HieFile => f?.spec === true)
      : this.state.specFiles();
    const sameFile = (file: HieFile, id: ParsedTestId): boolean => documentKey(id.uri) === file.key;
    const plan: FileRun[] = [];
    for (const file of files) {
      const entries = checkEntries(file.doc.analysis.program).filter(
        (e) => (!include || include.some((i) => sameFile(file, i) && entryUnder(e, i))) && !exclude.some((x) => sameFile(file, x) && entryUnder(e, x)),
      );
      if (entries.length > 0) plan.push({ file, ids: new Set(entries.map((e) => checkId(file.uri, e))) });
    }
    return plan;
  }

  /** The checks of the current text with these ids; undefined (a full run) when that is all of them. */
  private selection(file: HieFile, ids: Set<string>): ReadonlySet<CheckDecl> | undefined {
    const entries = checkEntries(file.doc.analysis.program);
    const chosen = entries.filter((e) => ids.has(checkId(file.uri, e)));
    return chosen.length === entries.length ? undefined : new Set(chosen.map((e) => e.check));
  }

  /** One result per id: from what this run produced, else why it did not run. */
  private results(file: HieFile, ids: Set<string>, produced: CheckResult[], recorded: boolean, cancelled: boolean): TestResultData[] {
    const uri = file.uri;
    const byId = new Map<string, { entry: CheckEntry; result?: CheckResult }>();
    const entries = checkEntries(file.doc.analysis.program);
    for (const entry of entries) {
      const id = checkId(uri, entry);
      if (ids.has(id)) byId.set(id, { entry });
    }
    // by element and position: the program may have been analysed again since the run (same text)
    const entryOf = new Map(entries.map((e) => [`${e.elementPath}@${e.check.span.startIndex}`, e]));
    for (const result of produced) {
      const entry = entryOf.get(`${result.elementPath}@${result.check.span.startIndex}`);
      const slot = entry && result.elementPath === entry.elementPath ? byId.get(checkId(uri, entry)) : undefined;
      if (slot) slot.result = result;
    }
    const notRun = recorded ? notRunReason(file) : cancelled ? 'Not run: the run was cancelled' : 'Not run: the file kept changing during the run';
    return [...ids].map((id): TestResultData => {
      const slot = byId.get(id);
      if (!slot) return { id, status: 'skipped', message: 'Not run: this check is no longer in the file', uri };
      // a call the cancellation interrupted did not run either
      const interrupted = cancelled && slot.result?.outcome.status === 'error' && slot.result.outcome.code === 'E531';
      if (!slot.result || interrupted) return { id, status: recorded ? 'errored' : 'skipped', message: notRun, uri, range: toRange(slot.entry.check.span) };
      const d = resultDiagnostic(file, slot.result);
      const status = slot.result.outcome.status === 'pass' ? 'passed' : slot.result.outcome.status === 'fail' ? 'failed' : 'errored';
      return d ? { id, status, message: typeof d.message === 'string' ? d.message : d.message.value, uri, range: d.range } : { id, status, uri, range: toRange(slot.entry.check.span) };
    });
  }
}

/** Why a recorded run has no result for a check: the file does not validate, or its libraries are not loaded. */
function notRunReason(file: HieFile): string {
  const error = file.doc.analysis.diagnostics.find((d) => d.severity === 'error');
  if (error) return `Not run: the file has errors (line ${error.span.start.row + 1}: ${error.code} ${error.message})`;
  return 'Not run: the libraries of this project are not loaded';
}

function abortedBy(token: CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}
