import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * What `fs = "write"` never touches (trust.md §3, wasm-plugins.md §3): the host's own
 * configuration and spec — any `hielements.toml`, any `*.hie` file, anything under a `.git`
 * entry (a folder, or a submodule's `.git` file), the user's Hielements configuration
 * directory (trust answers) when the workspace contains it — and the files hielements.toml
 * names (plugin modules, external plugins' programs and scripts). A plugin that could change
 * them could change its grants, trust a workspace or register a command: code execution.
 *
 * Names are compared the way a case-insensitive file system would see them (lower case,
 * trailing dots and spaces dropped, an NTFS `:stream` suffix ignored), on every platform.
 */

const CONFIG_NAME = 'hielements.toml';
const SPEC_EXTENSION = '.hie';
const GIT_NAME = '.git';

/** How a file system that ignores case, trailing dots/spaces and `:stream` suffixes sees a name. */
function canonicalName(name: string): string {
  const colon = name.indexOf(':');
  return (colon >= 0 ? name.slice(0, colon) : name).toLowerCase().replace(/[. ]+$/, '');
}

/** Whether a workspace-relative path (`/`-separated, normalised) names a protected entry. */
export function isProtectedRel(rel: string): boolean {
  if (rel === '') return false;
  const parts = rel.split('/').map(canonicalName);
  if (parts.includes(GIT_NAME)) return true;
  const last = parts[parts.length - 1];
  return last === CONFIG_NAME || last.endsWith(SPEC_EXTENSION);
}

function realOrResolved(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

const CASE_INSENSITIVE = process.platform === 'darwin' || process.platform === 'win32';
const key = (p: string): string => (CASE_INSENSITIVE ? p.toLowerCase() : p);

/** Entries looked at before a directory move is refused as too large to check. */
export const MAX_TREE_ENTRIES = 10_000;

export class ProtectedPaths {
  private readonly files = new Set<string>();
  /** Folders nothing below which may be written (the user's configuration directory, by its path and real path). */
  private readonly folders: string[] = [];

  /**
   * `realRoot`: real path of the workspace; `files`: absolute paths named by hielements.toml;
   * `folders`: absolute folders nothing below which is written (the user's configuration
   * directory, computed by the host: a plugin's worker does not see the host's environment).
   */
  constructor(private readonly realRoot: string, files: readonly string[] = [], folders: readonly string[] = []) {
    for (const folder of folders) for (const dir of new Set([path.resolve(folder), realOrResolved(folder)])) this.folders.push(key(dir));
    for (const f of files) {
      const resolved = path.resolve(f);
      this.files.add(key(resolved));
      try {
        this.files.add(key(fs.realpathSync(resolved)));
      } catch {
        // not there (yet): protected all the same, also under its folder's real path
        try {
          this.files.add(key(path.join(fs.realpathSync(path.dirname(resolved)), path.basename(resolved))));
        } catch {
          /* its folder is missing too: the resolved path stands */
        }
      }
    }
  }

  /** Whether a real host path (inside the workspace) may not be written. */
  coversHost(host: string): boolean {
    const k = key(host);
    if (this.files.has(k) || this.folders.some((dir) => k === dir || k.startsWith(dir + path.sep))) return true;
    const rel = path.relative(this.realRoot, host);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return false;
    return isProtectedRel(rel.split(path.sep).join('/'));
  }

  /**
   * Whether moving the entry at `host` would move something protected: the entry itself, or,
   * for a directory, anything below it. A tree too large to check counts as protected.
   */
  treeHolds(host: string): boolean {
    if (this.coversHost(host)) return true;
    let budget = MAX_TREE_ENTRIES;
    const walk = (dir: string): boolean => {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        return false; // not a directory (or gone): nothing below it
      }
      for (const e of entries) {
        if (--budget < 0) return true;
        const child = path.join(dir, e.name);
        if (this.coversHost(child)) return true;
        if (e.isDirectory() && walk(child)) return true; // symlinks are entries, not followed
      }
      return false;
    };
    return walk(host);
  }
}
