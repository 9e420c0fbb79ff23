import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WorkspaceIndex } from './workspaceIndex';
import { binarySearch, slicePrefix, walkDirectory } from './dirWalk';
import { decodeUtf8 } from './utf8Text';

/** Files larger than this are treated as unreadable (a JS string cannot hold much more). */
export const MAX_TEXT_BYTES = 64 * 1024 * 1024;
/** Below this size files are read synchronously: several times faster than async reads. */
const SYNC_READ_BYTES = 1024 * 1024;
/** How many invalidated paths are remembered for `changesSince`. */
const CHANGE_LOG_LIMIT = 4096;

interface TextEntry {
  text: string | undefined;
  mtimeMs: number;
  size: number;
}

interface WalkEntry {
  promise: Promise<string[]>;
  /** Set once the walk finished. */
  files?: string[];
}

/**
 * Extra surface of our index that libraries use for incremental caches (duck-typed, so a
 * plain `WorkspaceIndex` from elsewhere still works, only slower).
 */
export interface ObservableIndex extends WorkspaceIndex {
  /** Increases on every invalidation. */
  readonly version: number;
  /** Paths invalidated after `version`; undefined when unknown (everything may have changed). */
  changesSince(version: number): string[] | undefined;
  /** Cached text without touching the disk: `null` when not cached. */
  peekText(file: string): string | undefined | null;
}

export function isObservableIndex(index: WorkspaceIndex): index is ObservableIndex {
  const candidate = index as Partial<ObservableIndex>;
  return typeof candidate.changesSince === 'function' && typeof candidate.peekText === 'function';
}

/**
 * The shared workspace file index: one walk per directory (derived from a cached ancestor
 * walk when possible), texts cached until invalidated. Nothing is re-checked on disk
 * behind the caller's back: a long-lived host either calls `invalidate(path)` from its
 * file watcher or `refresh()` (one stat per cached file and directory) before a run.
 */
export class FileIndex implements ObservableIndex {
  readonly root: string;
  private readonly walks = new Map<string, WalkEntry>();
  private readonly dirStamps = new Map<string, number>();
  private readonly texts = new Map<string, TextEntry>();
  private changeLog: { version: number; path: string }[] = [];
  private resetVersion = 0;
  private _version = 0;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  get version(): number {
    return this._version;
  }

  walk(dir: string): Promise<string[]> {
    const abs = path.resolve(dir);
    const cached = this.walks.get(abs);
    if (cached) return cached.promise;
    const derived = this.deriveFromAncestor(abs);
    const entry: WalkEntry = { promise: Promise.resolve([]) };
    if (derived) {
      entry.files = derived;
      entry.promise = Promise.resolve(derived);
    } else {
      entry.promise = walkDirectory(abs).then(
        (result) => {
          for (const [d, stamp] of result.dirs) this.dirStamps.set(d, stamp);
          if (this.walks.get(abs) === entry) entry.files = result.files;
          return result.files;
        },
        () => [] as string[],
      );
    }
    this.walks.set(abs, entry);
    return entry.promise;
  }

  /** A finished walk of an ancestor already lists everything below `dir` unless a link is on the way. */
  private deriveFromAncestor(dir: string): string[] | undefined {
    for (let parent = path.dirname(dir), child = dir; parent !== child; child = parent, parent = path.dirname(parent)) {
      const entry = this.walks.get(parent);
      if (!entry?.files) continue;
      try {
        // walkdir follows a root that is a link, the ancestor walk did not: only derive for real directories.
        if (!fs.lstatSync(dir).isDirectory()) return undefined;
        if (fs.realpathSync.native(dir) !== path.join(fs.realpathSync.native(parent), path.relative(parent, dir))) return undefined;
      } catch {
        return undefined;
      }
      return slicePrefix(entry.files, dir);
    }
    return undefined;
  }

  peekText(file: string): string | undefined | null {
    // Callers usually pass the absolute paths walks return: look those up without resolving.
    const entry = this.texts.get(file) ?? this.texts.get(path.resolve(file));
    return entry ? entry.text : null;
  }

  async readText(file: string): Promise<string | undefined> {
    const direct = this.texts.get(file);
    if (direct) return direct.text;
    const abs = path.resolve(file);
    const cached = this.texts.get(abs);
    if (cached) return cached.text;
    const entry = await readTextEntry(abs);
    // A concurrent invalidate() may have happened while reading; the newest read wins.
    this.texts.set(abs, entry);
    return entry.text;
  }

  invalidate(changed: string): void {
    const abs = path.resolve(changed);
    const below = abs + path.sep;
    for (const key of [...this.texts.keys()]) if (key === abs || key.startsWith(below)) this.texts.delete(key);
    if (this.changesStructure(abs)) {
      for (const [dir] of [...this.walks]) {
        if (dir === abs || abs.startsWith(dir + path.sep) || dir.startsWith(below)) this.walks.delete(dir);
      }
      for (const dir of [...this.dirStamps.keys()]) if (dir === abs || dir.startsWith(below)) this.dirStamps.delete(dir);
    }
    this.record(abs);
  }

  /**
   * A content change of a listed regular file keeps every walk; anything else (a file
   * added or removed, a directory, an unknown path) drops the walks that may list it.
   */
  private changesStructure(abs: string): boolean {
    let isFile = false;
    try {
      isFile = fs.lstatSync(abs).isFile();
    } catch {
      isFile = false;
    }
    if (!isFile) return true; // a directory, a removed file, a link, an unknown path
    for (const [dir, entry] of this.walks) {
      if (!abs.startsWith(dir + path.sep)) continue;
      if (!entry.files || binarySearch(entry.files, abs) < 0) return true; // in progress, or added
    }
    return false;
  }

  invalidateAll(): void {
    this.walks.clear();
    this.dirStamps.clear();
    this.texts.clear();
    this._version++;
    this.resetVersion = this._version;
    this.changeLog = [];
  }

  changesSince(version: number): string[] | undefined {
    if (version === this._version) return [];
    if (version < this.resetVersion) return undefined;
    const first = this.changeLog[0];
    if (!first || first.version > version + 1) return undefined;
    return this.changeLog.filter((c) => c.version > version).map((c) => c.path);
  }

  /**
   * Re-stat every cached file and walked directory and invalidate what changed on disk
   * (for hosts without file watching). Returns the invalidated paths.
   */
  refresh(): string[] {
    const changed: string[] = [];
    for (const [file, entry] of [...this.texts]) {
      let stale: boolean;
      try {
        const st = fs.statSync(file);
        stale = st.mtimeMs !== entry.mtimeMs || st.size !== entry.size;
      } catch {
        stale = entry.mtimeMs !== -1;
      }
      if (stale) changed.push(file);
    }
    for (const [dir, stamp] of [...this.dirStamps]) {
      let now = -1;
      try {
        now = fs.statSync(dir).mtimeMs;
      } catch {
        now = -1;
      }
      if (now !== stamp) changed.push(dir);
    }
    for (const p of changed) this.invalidate(p);
    return changed;
  }

  private record(p: string): void {
    this._version++;
    this.changeLog.push({ version: this._version, path: p });
    if (this.changeLog.length > CHANGE_LOG_LIMIT) this.changeLog = this.changeLog.slice(-CHANGE_LOG_LIMIT / 2);
  }
}

async function readTextEntry(abs: string): Promise<TextEntry> {
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch {
    return { text: undefined, mtimeMs: -1, size: -1 };
  }
  const stamp = { mtimeMs: st.mtimeMs, size: st.size };
  if (!st.isFile() || st.size > MAX_TEXT_BYTES) return { text: undefined, ...stamp };
  try {
    const bytes = st.size <= SYNC_READ_BYTES ? fs.readFileSync(abs) : await fs.promises.readFile(abs);
    return { text: decodeUtf8(bytes), ...stamp };
  } catch {
    return { text: undefined, ...stamp };
  }
}
