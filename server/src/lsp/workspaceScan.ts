import { promises as fsp } from 'node:fs';
import * as path from 'node:path';

/** Folders never searched for .hie files. */
const SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn', 'target', 'out', 'dist', '.venv', '__pycache__']);
/** Directories read between two yields to the event loop. */
const DIRS_PER_TURN = 32;

export interface ScanResult {
  hieFiles: string[];
  configFiles: string[];
}

/**
 * The .hie files and hielements.toml files below a workspace folder (symlinks not followed).
 * `prune`: folders not to enter (git-ignored or excluded: no spec can be there).
 */
export async function scanWorkspace(root: string, prune: (dir: string) => boolean = () => false): Promise<ScanResult> {
  const result: ScanResult = { hieFiles: [], configFiles: [] };
  const stack = [root];
  let dirs = 0;
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    let entries;
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED.has(e.name) && !prune(full)) stack.push(full);
      } else if (e.isFile()) {
        if (e.name.endsWith('.hie')) result.hieFiles.push(full);
        else if (e.name === 'hielements.toml') result.configFiles.push(full);
      }
    }
    if (++dirs % DIRS_PER_TURN === 0) await new Promise((r) => setImmediate(r));
  }
  result.hieFiles.sort();
  result.configFiles.sort();
  return result;
}
