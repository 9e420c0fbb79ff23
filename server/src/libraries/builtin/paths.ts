import * as fs from 'node:fs';
import * as path from 'node:path';
import { LibraryError, type CallContext } from '../library';

/**
 * Rust `Path::join` as the reference uses it: an absolute right side replaces the left,
 * otherwise plain concatenation with one separator (`.` + `src/a.py` → `./src/a.py`).
 */
export function joinPath(left: string, right: string): string {
  if (right.startsWith('/')) return right;
  if (left === '') return right;
  return left.endsWith('/') ? left + right : left + '/' + right;
}

/** Final path component (Rust `file_name`): `a/b.rs` → `b.rs`; none for `..` or `/`. */
export function fileName(p: string): string | undefined {
  let end = p.length;
  while (end > 0 && p.charCodeAt(end - 1) === 47 /* / */) end--;
  const name = p.slice(p.lastIndexOf('/', end - 1) + 1, end);
  return name === '' || name === '..' || name === '.' ? undefined : name;
}

/** Rust `file_stem`: the file name without its last extension (`.hidden` keeps its name). */
export function fileStem(p: string): string | undefined {
  const name = fileName(p);
  if (name === undefined) return undefined;
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? name : name.slice(0, dot);
}

export function isInside(abs: string, root: string): boolean {
  return abs === root || abs.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/**
 * The workspace of one call: the directory string exactly as given (for the paths we
 * report) and its absolute form (for the file index and containment checks).
 */
export class Workspace {
  readonly abs: string;
  private realRoot: string | undefined;

  constructor(readonly text: string) {
    this.abs = path.resolve(text);
  }

  /** One object per workspace string and current directory (resolving is not free). */
  static of(ctx: CallContext): Workspace {
    const key = currentDirectory() + '\0' + ctx.workspace;
    let ws = workspaces.get(key);
    if (!ws) {
      ws = new Workspace(ctx.workspace);
      if (workspaces.size > 64) workspaces.clear();
      workspaces.set(key, ws);
    }
    return ws;
  }

  /** `<ws>/<rel>` as the reference builds it. */
  join(rel: string): string {
    return joinPath(this.text, rel);
  }

  /** Absolute filesystem path of a path string produced by `join` (or any scope path). */
  absolute(p: string): string {
    return path.resolve(p);
  }

  /** The reported form of an absolute path below the workspace. */
  display(abs: string): string {
    const prefix = this.abs.endsWith(path.sep) ? this.abs : this.abs + path.sep;
    return this.join(abs.startsWith(prefix) ? abs.slice(prefix.length) : path.relative(this.abs, abs));
  }

  /** Whether an absolute path is inside the workspace (lexically, or through its real path). */
  contains(abs: string): boolean {
    if (isInside(abs, this.abs)) return true;
    this.realRoot ??= realPathOr(this.abs);
    return isInside(abs, this.realRoot);
  }

  /**
   * Resolve `<ws>/<rel>`; a result outside the workspace is an error, never a read.
   * `shown` is the path text the user wrote.
   */
  resolveInside(rel: string, shown: string, code: string): { joined: string; abs: string } {
    const joined = this.join(rel);
    const abs = path.resolve(joined);
    if (!this.contains(abs)) throw outsideError(code, shown);
    return { joined, abs };
  }
}

const workspaces = new Map<string, Workspace>();

/** The current directory, or '' when it was deleted (then only absolute workspaces make sense). */
function currentDirectory(): string {
  try {
    return process.cwd();
  } catch {
    return '';
  }
}

export function outsideError(code: string, shown: string): LibraryError {
  return new LibraryError(code, `path '${shown}' is outside the workspace`);
}

function realPathOr(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return p;
  }
}

/** `fs.statSync` that answers undefined instead of throwing (follows links). */
export function statOrUndefined(abs: string): fs.Stats | undefined {
  try {
    return fs.statSync(abs);
  } catch {
    return undefined;
  }
}
