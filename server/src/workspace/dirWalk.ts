import * as fs from 'node:fs';
import * as path from 'node:path';

export interface WalkResult {
  /** Regular files below the directory, sorted by code unit. */
  files: string[];
  /** Every directory visited (the root included) with its mtime, for change detection. */
  dirs: Map<string, number>;
}

/** Directories read between two yields to the event loop (keeps a language server responsive). */
const DIRS_PER_SLICE = 64;

/**
 * Recursive walk that never follows symbolic links (a link to a file is not collected,
 * a link to a directory is not entered), skips entries it cannot read, and so cannot loop.
 * The root itself is followed when it is a link, as walkdir does.
 */
export async function walkDirectory(root: string, signal?: AbortSignal): Promise<WalkResult> {
  const files: string[] = [];
  const dirs = new Map<string, number>();
  const stack = [root];
  let sinceYield = 0;
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    let entries: fs.Dirent[];
    try {
      dirs.set(dir, fs.statSync(dir).mtimeMs);
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable or vanished directory: skipped silently
    }
    for (const entry of entries) {
      const full = dir + path.sep + entry.name;
      if (entry.isDirectory()) stack.push(full);
      else if (entry.isFile()) files.push(full);
    }
    if (++sinceYield >= DIRS_PER_SLICE) {
      sinceYield = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
    }
  }
  files.sort(compareCodeUnits);
  return { files, dirs };
}

export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Index of `value` in a sorted array, or -1. */
export function binarySearch(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid];
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The slice of a sorted list of paths that lie below `dir` (`dir` + separator prefix). */
export function slicePrefix(sorted: readonly string[], dir: string): string[] {
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < sorted.length && sorted[i].startsWith(prefix); i++) out.push(sorted[i]);
  return out;
}
