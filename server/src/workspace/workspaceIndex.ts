/**
 * The workspace file index shared by every library (issue 3 owns the implementation):
 * one walk, cached contents and parsed trees keyed by path and mtime, invalidated per file.
 * All paths here are absolute, normalised filesystem paths.
 */
export interface WorkspaceIndex {
  /** Absolute, normalised workspace root. */
  readonly root: string;
  /** Regular files below `dir` (recursive, symlinks not followed), sorted. */
  walk(dir: string): Promise<string[]>;
  /** UTF-8 text of a file, or undefined when unreadable, binary or not valid UTF-8. */
  readText(file: string): Promise<string | undefined>;
  /** Forget what is cached about one path (a file or a directory) after it changed. */
  invalidate(path: string): void;
  /** Forget everything. */
  invalidateAll(): void;
}
