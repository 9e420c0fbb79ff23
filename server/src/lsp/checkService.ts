import { performance } from 'node:perf_hooks';
import type { Connection } from 'vscode-languageserver';
import type { Evaluate } from '../eval/types';
import { CHECK_SUMMARY_NOTIFICATION, type CheckSummary } from './commands';
import { CheckScheduler } from './checkScheduler';
import { hasErrors } from '../model/analyze';
import { affectedElements, runChecks, StaleRun } from './checkRunner';
import type { Project } from './project';
import type { DiagnosticsPublisher } from './publisher';
import type { ServerSettings } from './settings';
import type { HieFile, WorkspaceState } from './workspaceState';

/** Up to this many affected elements are re-evaluated one by one (`onlyElement`); more get one full run. */
const MAX_PARTIAL_ELEMENTS = 3;

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
    /** Asks the client to re-query code lenses (their titles show the last results). */
    private readonly refreshLenses: () => void = () => undefined,
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
    if (file.checks) this.sendSummary();
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

  /** Resolves when no run is pending or in flight for the file. */
  idle(file: HieFile): Promise<void> {
    return this.scheduler.idle(file.key);
  }

  dispose(): void {
    this.scheduler.dispose();
  }

  private request(file: HieFile, what: Pending, delayMs: number): void {
    if (!this.evaluate) return;
    const before = this.pending.get(file.key);
    this.pending.set(file.key, before === 'all' || what === 'all' ? 'all' : new Set([...(before ?? []), ...what]));
    this.scheduler.schedule(file.key, delayMs);
  }

  private async run(key: string, signal: AbortSignal): Promise<void> {
    const file = this.state.files.get(key);
    const what = this.pending.get(key) ?? 'all';
    this.pending.delete(key);
    if (!file || !this.evaluate) return;
    const project = file.project;
    // run-time denials are reported again by this run
    for (let i = project.denials.length - 1; i >= 0; i--) if (project.denials[i].origin?.file === file.path) project.denials.splice(i, 1);
    const started = performance.now();
    try {
      const record = await runChecks(this.evaluate, file, signal, what === 'all' ? undefined : [...what], this.settings().checks.patterns);
      const scope = what === 'all' ? 'all elements' : `${what.size} affected element${what.size === 1 ? '' : 's'}`;
      if (record) {
        file.checks = record;
        this.log(`Checks of ${file.path ?? file.uri} (${scope}): ${record.results.length} results in ${Math.round(performance.now() - started)} ms`);
      } else this.log(`Checks of ${file.path ?? file.uri} not run: the file has errors (the last results stay)`);
    } catch (e) {
      if (e instanceof StaleRun || signal.aborted) return;
      // keep what is pending for the next run
      this.pending.set(key, 'all');
      throw e;
    }
    this.publisher.publish(file);
    this.refreshLenses();
    this.sendSummary(true);
  }

  /** `hielements/checkSummary`: after every run, and when an edit changed the totals or made them older. */
  private sendSummary(always = false): void {
    const summary = summaryOf([...this.state.files.values()]);
    const key = JSON.stringify(summary);
    if (!always && key === this.lastSummary) return;
    this.lastSummary = key;
    void this.connection.sendNotification(CHECK_SUMMARY_NOTIFICATION, summary);
  }
}

/** Totals over the last results of some files; `outdated` counts files edited since their run. */
export function summaryOf(files: HieFile[]): CheckSummary {
  const summary: CheckSummary = { passed: 0, failed: 0, errors: 0, total: 0, outdated: 0 };
  for (const f of files) {
    const r = f.checks;
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
