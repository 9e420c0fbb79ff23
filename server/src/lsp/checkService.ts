import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Connection } from 'vscode-languageserver';
import type { CheckResult, Evaluate } from '../eval/types';
import type { CheckDecl, Element } from '../model/types';
import { CHECK_SUMMARY_NOTIFICATION, type CheckSummary } from './commands';
import { CheckScheduler } from './checkScheduler';
import { hasErrors } from '../model/analyze';
import { affectedElements, runChecks, StaleRun } from './checkRunner';
import { RunProgress } from './runProgress';
import type { Project } from './project';
import type { DiagnosticsPublisher } from './publisher';
import type { ServerSettings } from './settings';
import type { HieFile, WorkspaceState } from './workspaceState';

/** Up to this many affected elements are re-evaluated one by one (`onlyElement`); more get one full run. */
const MAX_PARTIAL_ELEMENTS = 3;
/** A background run shows `$/progress` once it has taken this long. */
const LONG_RUN_MS = 1000;

/** What a pending run evaluates: everything, or only some elements. */
type Pending = 'all' | Set<string>;

/**
 * Check evaluation for the server: when to run (settings, edits, saves, file changes),
 * what to run (a whole file or the affected elements), and what to tell the client
 * (diagnostics, then `hielements/checkSummary`). A file's last results stay until a run
 * replaces them: a file with validation errors is not run, and edits move the results.
 */
export class CheckService {
  private readonly scheduler: CheckScheduler;
  private readonly pending = new Map<string, Pending>();
  /** The summary the client has, to tell it only about changes. */
  private lastSummary = '';

  constructor(
    private readonly connection: Connection,
    private readonly state: WorkspaceState,
    private readonly publisher: DiagnosticsPublisher,
    private readonly evaluate: Evaluate | undefined,
    private readonly settings: () => ServerSettings,
    private readonly log: (message: string) => void,
    /** Asks the client to re-query code lenses and inlay hints (they show the last results). */
    private readonly refreshLenses: () => void = () => undefined,
    /** The client shows window/workDoneProgress. */
    private readonly progressSupported = false,
  ) {
    this.scheduler = new CheckScheduler(
      (key, signal) => this.run(key, signal),
      (key, e) => this.log(`Check evaluation of ${key} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
    );
  }

  get available(): boolean {
    return this.evaluate !== undefined;
  }

  /** A .hie file was edited (its results were moved or dropped: the totals may be older now). */
  edited(file: HieFile): void {
    if (this.settings().checks.run === 'onType') this.request(file, 'all', this.settings().checks.debounceMs);
    else this.scheduler.cancel(file.key); // a run in flight is for an older text
    if (file.checks) this.sendSummary(true);
  }

  saved(file: HieFile): void {
    if (this.settings().checks.run !== 'never') this.request(file, 'all', 0);
  }

  /** A file was opened or found: evaluate it unless its current results are known. */
  opened(file: HieFile): void {
    if (this.settings().checks.run === 'never') return;
    if (file.checks && file.checks.revision === file.revision && file.checks.generation === file.project.generation) return;
    this.request(file, 'all', 0);
  }

  /** Everything of a project (plugins reloaded, settings changed). */
  project(project: Project): void {
    if (this.settings().checks.run === 'never') return;
    for (const file of this.state.filesOf(project)) this.request(file, 'all', 0);
  }

  /** A workspace file changed on disk: re-run the checks it may affect. */
  workspaceFileChanged(project: Project, changed: string, structural: boolean): void {
    if (this.settings().checks.run === 'never') return;
    for (const file of this.state.filesOf(project)) {
      const affected = structural ? undefined : affectedElements(file.checks, changed, project.root);
      if (affected && affected.length === 0) continue;
      // each partial run re-evaluates the scopes before its element: past a few elements one full run is cheaper
      const partial = affected && affected.length <= MAX_PARTIAL_ELEMENTS;
      this.request(file, partial ? new Set(affected) : 'all', this.settings().checks.debounceMs);
    }
  }

  /** `hielements.runChecks`: run now and return the summary of these files. */
  async runNow(files: HieFile[]): Promise<CheckSummary> {
    await Promise.all(files.map((f) => this.runUntilCurrent(f)));
    return summaryOf(files);
  }

  /** A run overtaken by an edit or a plugin reload is repeated (a few times at most); a file with errors is not run. */
  private async runUntilCurrent(file: HieFile): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      this.pending.set(file.key, 'all');
      await this.scheduler.runNow(file.key);
      const r = file.checks;
      if (r && r.revision === file.revision && r.generation === file.project.generation) return;
      if (hasErrors(file.doc.analysis.diagnostics)) return;
    }
  }

  /**
   * Runs the checks `select()` returns (all when undefined; asked again if an edit overtakes the
   * run, up to three times) now, ahead of pending background work, which resumes afterwards.
   * Resolves true when results of the current text were recorded.
   */
  async runSelected(file: HieFile, select: () => ReadonlySet<CheckDecl> | undefined, options: { signal?: AbortSignal; onResult?: (r: CheckResult) => void } = {}): Promise<boolean> {
    const evaluate = this.evaluate;
    if (!evaluate || !file.spec) return false;
    let recorded = false;
    for (let attempt = 0; attempt < 3 && !recorded && !options.signal?.aborted; attempt++) {
      await this.scheduler.runNow(file.key, async (_key, signal) => {
        const checks = select();
        try {
          const run = options.signal ? AbortSignal.any([signal, options.signal]) : signal;
          const record = await runChecks(evaluate, file, run, checks ? { checks } : {}, { patternChecks: this.settings().checks.patterns, onResult: options.onResult });
          // a file with errors is not run: its last results stay, and nothing of this text was recorded
          if (!record) return;
          file.checks = record;
        } catch (e) {
          if (e instanceof StaleRun || signal.aborted || options.signal?.aborted) return;
          throw e;
        }
        recorded = true;
        this.finished(file);
      });
    }
    if (this.pending.has(file.key)) this.scheduler.schedule(file.key, 0);
    return recorded;
  }

  /** The file is no longer a spec (or gone): nothing runs for it and its results are dropped. */
  forget(file: HieFile): void {
    this.scheduler.cancel(file.key);
    this.pending.delete(file.key);
    file.checks = undefined;
  }

  /** `hielements/checkSummary` over the last results of every spec; `onlyIfChanged`: unless the client has these totals. */
  sendSummary(onlyIfChanged = false): void {
    const summary = summaryOf([...this.state.files.values()]);
    const key = JSON.stringify(summary);
    if (onlyIfChanged && key === this.lastSummary) return;
    this.lastSummary = key;
    void this.connection.sendNotification(CHECK_SUMMARY_NOTIFICATION, summary);
  }

  /** Resolves when no run is pending or in flight for the file. */
  idle(file: HieFile): Promise<void> {
    return this.scheduler.idle(file.key);
  }

  dispose(): void {
    this.scheduler.dispose();
  }

  private request(file: HieFile, what: Pending, delayMs: number): void {
    if (!this.evaluate || !file.spec) return;
    const before = this.pending.get(file.key);
    this.pending.set(file.key, before === 'all' || what === 'all' ? 'all' : new Set([...(before ?? []), ...what]));
    this.scheduler.schedule(file.key, delayMs);
  }

  private async run(key: string, signal: AbortSignal): Promise<void> {
    const file = this.state.files.get(key);
    const what = this.pending.get(key) ?? 'all';
    this.pending.delete(key);
    if (!file || !file.spec || !this.evaluate) return;
    const project = file.project;
    // run-time denials are reported again by this run
    for (let i = project.denials.length - 1; i >= 0; i--) if (project.denials[i].origin?.file === file.path) project.denials.splice(i, 1);
    const started = performance.now();
    const total = countChecks(file);
    const progress = RunProgress.start(this.connection, this.progressSupported, `Hielements: checking ${file.path ? path.basename(file.path) : file.uri}`, total, LONG_RUN_MS);
    try {
      const run = AbortSignal.any([signal, progress.signal]);
      const record = await runChecks(this.evaluate, file, run, what === 'all' ? {} : { elements: [...what] }, { patternChecks: this.settings().checks.patterns, onResult: () => progress.result() });
      const scope = what === 'all' ? 'all elements' : `${what.size} affected element${what.size === 1 ? '' : 's'}`;
      if (record) {
        file.checks = record;
        this.log(`Checks of ${file.path ?? file.uri} (${scope}): ${record.results.length} results in ${Math.round(performance.now() - started)} ms`);
      } else this.log(`Checks of ${file.path ?? file.uri} not run: the file has errors (the last results stay)`);
    } catch (e) {
      // cancelled by the user (the progress' Cancel)
      if (progress.signal.aborted) return;
      // overtaken by an edit or an explicit run: the work waits in pending and resumes after it
      if (signal.aborted) return this.restore(key, what);
      // the plugins changed: their reload requests a new run
      if (e instanceof StaleRun) return;
      // keep what is pending for the next run
      this.pending.set(key, 'all');
      throw e;
    } finally {
      progress.end();
    }
    this.finished(file);
  }

  private restore(key: string, what: Pending): void {
    const before = this.pending.get(key);
    this.pending.set(key, before === 'all' || what === 'all' ? 'all' : new Set([...(before ?? []), ...what]));
  }

  /** A run recorded results of the current text: tell the client. */
  private finished(file: HieFile): void {
    this.publisher.publish(file);
    this.refreshLenses();
    this.sendSummary();
  }
}

function countChecks(file: HieFile): number {
  const count = (el: Element): number => el.checks.length + el.children.reduce((n, c) => n + count(c), 0);
  return file.doc.analysis.program.elements.reduce((n, el) => n + count(el), 0);
}

/** Totals over the last results of some files (specs only); `outdated` counts files edited since their run. */
export function summaryOf(files: HieFile[]): CheckSummary {
  const summary: CheckSummary = { passed: 0, failed: 0, errors: 0, total: 0, outdated: 0 };
  for (const f of files) {
    const r = f.spec ? f.checks : undefined;
    if (!r) continue;
    if (r.revision !== f.revision) summary.outdated++;
    for (const result of r.results) {
      summary.total++;
      if (result.outcome.status === 'pass') summary.passed++;
      else if (result.outcome.status === 'fail') summary.failed++;
      else summary.errors++;
    }
  }
  return summary;
}
