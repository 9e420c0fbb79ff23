/** Shared helpers for plugin tests: fixture paths, temp folders, a CallContext. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CallContext } from '../../../src/libraries/library';
import type { WorkspaceIndex } from '../../../src/workspace/workspaceIndex';

function findRepoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'test-fixtures'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('test-fixtures not found above ' + __dirname);
    dir = up;
  }
  return dir;
}

export const REPO_ROOT = findRepoRoot();
export const FIXTURE_PLUGINS = path.join(REPO_ROOT, 'test-fixtures', 'plugins');
export const REC_JS = path.join(FIXTURE_PLUGINS, 'rec.js');

export function tempDir(prefix = 'hie-plugins-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes a rec.js script to a temp file and returns [logFile, scriptFile]. */
export function recScript(dir: string, script: unknown): [string, string] {
  const log = path.join(dir, 'log.txt');
  const file = path.join(dir, 'script.json');
  fs.writeFileSync(file, JSON.stringify(script));
  return [log, file];
}

export function loggedLines(logFile: string): string[] {
  if (!fs.existsSync(logFile)) return [];
  return fs.readFileSync(logFile, 'utf8').split('\n').filter((l) => l !== '');
}

/** The library under test never touches the index; this one only records that. */
const unusedIndex: WorkspaceIndex = {
  root: '/',
  walk: async () => [],
  readText: async () => undefined,
  invalidate: () => undefined,
  invalidateAll: () => undefined,
};

export function ctx(workspace = '.', signal?: AbortSignal): CallContext {
  return { workspace, index: unusedIndex, signal };
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
