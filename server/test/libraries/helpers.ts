import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ScopeValue, Value } from '../../src/eval/values';
import type { CallContext, CheckOutcome, Library } from '../../src/libraries/library';
import { FileIndex } from '../../src/workspace/fileIndex';

/** A fresh temporary workspace holding `files` (relative path → content). */
export function makeWorkspace(files: Record<string, string | Buffer>, parent = os.tmpdir()): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(parent, 'hie-libs-')));
  writeFiles(dir, files);
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

export function removeWorkspace(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A call context on `dir` with its own index (the workspace string is `dir` unless given). */
export function contextFor(dir: string, workspace = dir): CallContext {
  return { workspace, index: new FileIndex(dir) };
}

export const s = (value: string): Value => ({ type: 'string', value });
/** A resolved scope of these paths (a folder kind unless given). */
export const scopeOfPaths = (paths: string[], kind: ScopeValue['kind'] = { Folder: 'x' }): ScopeValue => ({ type: 'scope', kind, paths, resolved: true });
export const n = (value: number): Value => ({ type: 'int', value });
export const f = (value: number): Value => ({ type: 'float', value });

export async function select(lib: Library, fn: string, args: Value[], ctx: CallContext): Promise<ScopeValue> {
  const v = await lib.call(fn, args, ctx);
  if (v.type !== 'scope') throw new Error(`expected a scope from ${lib.name}.${fn}`);
  return v;
}

export function check(lib: Library, fn: string, args: Value[], ctx: CallContext): Promise<CheckOutcome> {
  return lib.check(fn, args, ctx);
}

export const PASS: CheckOutcome = { status: 'pass' };
/** A failure; `paths` are the violation locations the library reports (absolute). */
export const FAIL = (message: string, ...paths: string[]): CheckOutcome =>
  paths.length > 0 ? { status: 'fail', message, locations: paths.map((path) => ({ path })) } : { status: 'fail', message };

/** The LibraryError a promise rejects with, as `{code, message}`. */
export async function rejection(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { code?: string; message: string };
    return { code: err.code ?? '', message: err.message };
  }
  throw new Error('expected a rejection');
}

let bigFolder: string | undefined;
/** A workspace with `big/` holding 100,000 empty files (created once per test process). */
export function bigFolderWorkspace(): string {
  if (!bigFolder) {
    // tmpfs when there is one: creating 100,000 files on a disk takes seconds.
    bigFolder = makeWorkspace({ 'keep.txt': 'x' }, fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir());
    const big = path.join(bigFolder, 'big');
    fs.mkdirSync(big);
    for (let i = 0; i < 100_000; i++) fs.closeSync(fs.openSync(path.join(big, `f${String(i).padStart(6, '0')}.txt`), 'w'));
  }
  return bigFolder;
}

after(() => {
  if (bigFolder) removeWorkspace(bigFolder);
});
