import * as path from 'node:path';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { isObservableIndex } from '../../workspace/fileIndex';
import { binarySearch, slicePrefix } from '../../workspace/dirWalk';

/** Which workspace files a language scan looks at (stdlib.md §3 and §4). */
export interface SourceFilter {
  extension: string;
  /** Directory names skipped at any depth below the workspace root. */
  excludedDirectory(name: string): boolean;
}

/** A source file as reported (`<ws>/<rel>`), relative to the workspace, and its stem. */
export interface ShownFile {
  shown: string;
  rel: string;
  stem: string | undefined;
}

/** A per-file test; may be async (parsing), but is usually a cheap synchronous pre-filter. */
export type FileTest = (file: string, text: string) => boolean | Promise<boolean>;

interface QueryEntry {
  matches: Set<string>;
  version: number;
  files: readonly string[];
}

/**
 * Workspace-wide source scans with incremental results. A query ("files declaring struct
 * Foo") is answered once over every source file, then kept; when the index reports changed
 * paths only those files are tested again, so a warm re-run after one edit touches one file
 * per query. With an index that cannot report changes every query is recomputed.
 */
export class SourceScan {
  private filesMemo: { walk: readonly string[]; files: string[] } | undefined;
  private readonly queries = new Map<string, QueryEntry>();
  private shownMemo: { files: readonly string[]; shown: ShownFile[] } | undefined;

  constructor(
    private readonly index: WorkspaceIndex,
    readonly root: string,
    private readonly filter: SourceFilter,
  ) {}

  /** Absolute paths of the workspace's source files, sorted. */
  async files(): Promise<string[]> {
    const walk = await this.index.walk(this.root);
    if (this.filesMemo?.walk === walk) return this.filesMemo.files;
    const files = walk.filter((f) => this.accepts(f));
    this.filesMemo = { walk, files };
    return files;
  }

  private accepts(file: string): boolean {
    if (path.extname(file) !== this.filter.extension) return false;
    const rel = path.relative(this.root, file).split(path.sep);
    for (let i = 0; i < rel.length - 1; i++) if (this.filter.excludedDirectory(rel[i])) return false;
    return true;
  }

  /**
   * The source files as reported paths with their stems, computed once per file list
   * (selectors filter this list on every call).
   */
  async shownFiles(display: (abs: string) => string, stem: (p: string) => string | undefined): Promise<ShownFile[]> {
    const files = await this.files();
    if (this.shownMemo?.files !== files) {
      const prefix = this.root.endsWith(path.sep) ? this.root.length : this.root.length + 1;
      this.shownMemo = { files, shown: files.map((f) => ({ shown: display(f), rel: f.slice(prefix), stem: stem(f) })) };
    }
    return this.shownMemo.shown;
  }

  /** Cached text (no disk access when the index has it), or undefined when unreadable. */
  async text(file: string): Promise<string | undefined> {
    if (isObservableIndex(this.index)) {
      const cached = this.index.peekText(file);
      if (cached !== null) return cached;
    }
    return this.index.readText(file);
  }

  /** Source files (absolute, sorted) for which `test` holds; `key` identifies the test. */
  async query(key: string, test: FileTest, signal?: AbortSignal): Promise<string[]> {
    const files = await this.files();
    const index = this.index;
    if (!isObservableIndex(index)) return [...(await this.computeAll(files, test, signal))];
    let entry = this.queries.get(key);
    if (entry && entry.version !== index.version) {
      const changes = index.changesSince(entry.version);
      if (changes) {
        await this.update(entry, files, changes, test);
        entry.version = index.version;
        entry.files = files;
      } else entry = undefined;
    }
    if (entry && entry.files !== files) {
      await this.update(entry, files, [], test);
      entry.files = files;
    }
    if (!entry) {
      const version = index.version;
      entry = { matches: await this.computeAll(files, test, signal), version, files };
      this.queries.set(key, entry);
    }
    return [...entry.matches].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  private async computeAll(files: readonly string[], test: FileTest, signal?: AbortSignal): Promise<Set<string>> {
    const matches = new Set<string>();
    let n = 0;
    for (const f of files) {
      if (await this.holds(f, test)) matches.add(f);
      if (++n % 512 === 0) signal?.throwIfAborted();
    }
    return matches;
  }

  private async holds(file: string, test: FileTest): Promise<boolean> {
    const text = await this.text(file);
    if (text === undefined) return false;
    const result = test(file, text);
    return typeof result === 'boolean' ? result : await result;
  }

  /** Re-test changed files and files that appeared; drop files that disappeared. */
  private async update(entry: QueryEntry, files: readonly string[], changes: string[], test: FileTest): Promise<void> {
    const retest = new Set<string>();
    for (const c of changes) {
      if (binarySearch(files, c) >= 0) retest.add(c);
      else for (const f of slicePrefix(files, c)) retest.add(f);
    }
    if (entry.files !== files) {
      const before = new Set(entry.files);
      for (const f of files) if (!before.has(f)) retest.add(f);
      const now = new Set(files);
      for (const m of [...entry.matches]) if (!now.has(m)) entry.matches.delete(m);
    }
    for (const f of retest) {
      if (await this.holds(f, test)) entry.matches.add(f);
      else entry.matches.delete(f);
    }
  }
}

/** Facts extracted from one file's tree, reused while the file's text is unchanged. */
export class FactsCache<F> {
  private readonly entries = new Map<string, { text: string; facts: F }>();

  async get(file: string, text: string, extract: () => Promise<F>): Promise<F> {
    const hit = this.entries.get(file);
    if (hit && hit.text === text) return hit.facts;
    const facts = await extract();
    this.entries.set(file, { text, facts });
    return facts;
  }
}
