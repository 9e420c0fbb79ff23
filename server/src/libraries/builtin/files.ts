import * as path from 'node:path';
import { scope, scopeKindText, type ScopeValue, type Value } from '../../eval/values';
import { LibraryError, type CheckOutcome, type Library } from '../library';
import { builtinLibrary, checkError, defineFunction, fail, integerParam, outcome, pass, scopeParam, stringParam } from './define';
import { filesLocators } from './filesLocate';
import { globInWorkspace } from './globScope';
import { fileName, statOrUndefined, Workspace } from './paths';

/** Code of "path '…' is outside the workspace" (not in the reference, which reads anywhere). */
export const FILES_OUTSIDE_CODE = 'E103';

const fileSelector = defineFunction({
  name: 'file_selector',
  description: 'Select a single file by its path relative to the workspace; the scope is empty when it does not exist.',
  params: [stringParam('path', 'Path of the file, relative to the workspace', 'E100', 'file_selector requires a string path argument')],
  returns: 'Scope',
  example: "scope main = files.file_selector('src/main.rs')",
  run([p], ctx): Value {
    const ws = Workspace.of(ctx);
    const { joined, abs } = ws.resolveInside(p, p, FILES_OUTSIDE_CODE);
    return scope({ File: p }, statOrUndefined(abs)?.isFile() ? [joined] : []);
  },
});

const folderSelector = defineFunction({
  name: 'folder_selector',
  description: 'Select every file below a folder (recursive, hidden files included, links not followed).',
  params: [stringParam('path', 'Path of the folder, relative to the workspace', 'E101', 'folder_selector requires a string path argument')],
  returns: 'Scope',
  example: "scope src = files.folder_selector('src')",
  async run([p], ctx): Promise<Value> {
    const ws = Workspace.of(ctx);
    const { joined, abs } = ws.resolveInside(p, p, FILES_OUTSIDE_CODE);
    if (!statOrUndefined(abs)?.isDirectory()) return scope({ Folder: p }, []);
    const files = await ctx.index.walk(abs);
    const prefixLength = abs.length + 1;
    return scope(
      { Folder: p },
      files.map((f) => joinPathLiteral(joined, f.slice(prefixLength))),
    );
  },
});

function joinPathLiteral(dir: string, rel: string): string {
  return dir.endsWith('/') ? dir + rel : dir + '/' + rel;
}

const globSelector = defineFunction({
  name: 'glob_selector',
  description: 'Select the files matching a glob pattern relative to the workspace (`*`, `?`, `**`, `[abc]`).',
  params: [stringParam('pattern', 'Glob pattern, relative to the workspace', 'E102', 'glob_selector requires a string pattern argument')],
  returns: 'Scope',
  example: "scope sources = files.glob_selector('src/**/*.py')",
  run([pattern], ctx): Value {
    const ws = Workspace.of(ctx);
    const matches = globInWorkspace(ws, ws.text === '' ? '.' : ws.text, pattern, FILES_OUTSIDE_CODE) ?? [];
    const paths = matches.filter((m) => m.isFile).map((m) => (ws.text === '' ? m.path.replace(/^\.\//, '') : m.path));
    return scope({ Glob: pattern }, paths);
  },
});

/** `<ws>/<p>/<name>` exists (file or directory, links followed), refusing to look outside. */
function existsInFolder(ws: Workspace, folder: string, name: string): boolean {
  const rel = name.startsWith('/') ? name : folder + '/' + name;
  const { abs } = ws.resolveInside(rel, rel, FILES_OUTSIDE_CODE);
  return statOrUndefined(abs) !== undefined;
}

const exists = defineFunction({
  name: 'exists',
  description:
    'Check that a file exists: for a file scope, the file itself; for a folder scope, `filename` (a file or folder, may contain `/`) inside it; for a glob scope, a selected file with that name.',
  params: [
    scopeParam('scope', 'Scope to look in', 'E110', 'exists requires a scope as first argument'),
    stringParam('filename', 'Name (or relative path) of the file to look for', 'E111', 'exists requires a filename as second argument'),
  ],
  returns: 'CheckResult',
  example: "check files.exists(src, 'main.py')",
  run([s, filename], ctx): CheckOutcome {
    const ws = Workspace.of(ctx);
    if ('File' in s.kind) {
      const p = s.kind.File;
      const { abs } = ws.resolveInside(p, p, FILES_OUTSIDE_CODE);
      return outcome(statOrUndefined(abs) !== undefined, `File '${p}' does not exist`);
    }
    if ('Folder' in s.kind) {
      const p = s.kind.Folder;
      return outcome(existsInFolder(ws, p, filename), `File '${filename}' does not exist in folder '${p}'`);
    }
    return outcome(
      s.paths.some((p) => fileName(p) === filename),
      `No file named '${filename}' found in scope`,
    );
  },
});

const contains = defineFunction({
  name: 'contains',
  description:
    'Check that a scope contains a file: for a folder scope, `filename` exists inside the folder; otherwise some selected path ends with `filename`.',
  params: [
    scopeParam('scope', 'Scope to look in', 'E112', 'contains requires a scope as first argument'),
    stringParam('filename', 'File name or path suffix to look for', 'E113', 'contains requires a filename as second argument'),
  ],
  returns: 'CheckResult',
  example: "check files.contains(src, 'main.py')",
  run([s, filename], ctx): CheckOutcome {
    const ws = Workspace.of(ctx);
    if ('Folder' in s.kind) {
      const p = s.kind.Folder;
      return outcome(existsInFolder(ws, p, filename), `Folder '${p}' does not contain '${filename}'`);
    }
    return outcome(
      s.paths.some((p) => p.endsWith(filename) || fileName(p) === filename),
      `Scope does not contain '${filename}'`,
    );
  },
});

/** Rust debug-list style: `["./a", "./b"]`. */
function debugList(items: string[]): string {
  return '[' + items.map((s) => '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"').join(', ') + ']';
}

function baseDirectory(ws: Workspace, s: ScopeValue): string {
  if ('Folder' in s.kind) return ws.join(s.kind.Folder);
  if ('File' in s.kind) {
    const joined = ws.join(s.kind.File);
    const slash = joined.replace(/\/+$/, '').lastIndexOf('/');
    return slash > 0 ? joined.slice(0, slash) : slash === 0 ? '/' : ws.text === '' ? '.' : ws.text;
  }
  return ws.text === '' ? '.' : ws.text;
}

const noFilesMatching = defineFunction({
  name: 'no_files_matching',
  description:
    'Check that no file or folder matches a glob pattern in the scope’s base folder (the folder, the file’s parent, or the workspace for a glob scope); use `**` to search recursively.',
  params: [
    scopeParam('scope', 'Scope whose base folder is searched', 'E114', 'no_files_matching requires a scope as first argument'),
    stringParam('pattern', 'Glob pattern, relative to the base folder', 'E115', 'no_files_matching requires a pattern as second argument'),
  ],
  returns: 'CheckResult',
  example: "check files.no_files_matching(src, '*.pyc')",
  run([s, pattern], ctx): CheckOutcome {
    const ws = Workspace.of(ctx);
    const base = baseDirectory(ws, s);
    if (!ws.contains(path.resolve(base))) throw new LibraryError(FILES_OUTSIDE_CODE, `path '${scopeKindText(s.kind)}' is outside the workspace`);
    const matches = globInWorkspace(ws, base, pattern, FILES_OUTSIDE_CODE);
    if (!matches) return checkError(`Invalid glob pattern: ${pattern}`);
    if (matches.length === 0) return pass();
    const shown = matches.slice(0, 5).map((m) => m.path);
    return fail(`Found ${matches.length} files matching pattern '${pattern}': ${debugList(shown)}`, matches.map((m) => ({ path: path.resolve(m.path) })));
  },
});

const maxSize = defineFunction({
  name: 'max_size',
  description: 'Check that every file of the scope is at most `max_bytes` bytes long (the first larger file fails).',
  params: [
    scopeParam('scope', 'Files to measure', 'E116', 'max_size requires a scope as first argument'),
    integerParam('max_bytes', 'Largest allowed size in bytes', 'E117', 'max_size requires a number as second argument'),
  ],
  returns: 'CheckResult',
  example: 'check files.max_size(src, 1048576)',
  run([s, maxBytes], ctx): CheckOutcome {
    const ws = Workspace.of(ctx);
    // The reference converts a negative limit to an unsigned 64-bit number: it never fails.
    const limit = maxBytes < 0 ? Number.POSITIVE_INFINITY : maxBytes;
    for (const p of s.paths) {
      const abs = path.resolve(p);
      if (!ws.contains(abs)) continue; // never look outside the workspace
      const st = statOrUndefined(abs);
      if (st && st.size > limit) return fail(`File '${p}' exceeds maximum size (${st.size} > ${maxBytes} bytes)`, [{ path: abs }]);
    }
    return pass();
  },
});

export function createFilesLibrary(): Library {
  return builtinLibrary({
    name: 'files',
    description: 'File system selectors and checks: select files, folders and glob matches; check existence, contents of folders, unwanted files and sizes.',
    selectors: [fileSelector, folderSelector, globSelector],
    checks: [exists, contains, noFilesMatching, maxSize],
    unknownSelector: (fn) => new LibraryError('E199', `Unknown function: files.${fn}`),
    unknownCheck: (fn) => new LibraryError('E199', `Unknown check function: files.${fn}`),
    locators: filesLocators,
  });
}
