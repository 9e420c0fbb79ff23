import * as path from 'node:path';
import type { CallContext, SourceSite } from '../library';
import type { Locator } from './define';
import { byArgument, scopeArg, stringArg, type ArgumentLocator } from './locate';
import { fileName, statOrUndefined, Workspace } from './paths';

/**
 * Editor navigation for the files library (`Library.locate`): the file or folder a path
 * argument names. Cheap (a few `stat`s), so these also answer document links.
 */

/** `<ws>/<rel>` when it is inside the workspace and `accept`s its stat. */
function inside(ctx: CallContext, rel: string, accept: (isDirectory: boolean) => boolean): SourceSite[] {
  const ws = Workspace.of(ctx);
  let abs: string;
  try {
    abs = ws.resolveInside(rel, rel, 'E103').abs;
  } catch {
    return [];
  }
  const st = statOrUndefined(abs);
  return st && accept(st.isDirectory()) ? [{ path: abs }] : [];
}

const pathArgument = (accept: (isDirectory: boolean) => boolean): ArgumentLocator => async (request, ctx) => {
  const p = stringArg(request, 0);
  return p === undefined ? [] : inside(ctx, p, accept);
};

/** The folder a glob starts from: its components before the first one with a wildcard. */
export function globBase(pattern: string): string {
  const parts = pattern.split('/');
  const literal: string[] = [];
  for (const part of parts.slice(0, -1)) {
    if (/[*?[\]]/.test(part)) break;
    literal.push(part);
  }
  return literal.join('/') || '.';
}

const globArgument: ArgumentLocator = async (request, ctx) => {
  const p = stringArg(request, 0);
  return p === undefined ? [] : inside(ctx, globBase(p), (dir) => dir);
};

/** `exists`/`contains`: the file a folder scope's second argument names, or the scope's matching files. */
function fileInScope(matches: (p: string, filename: string) => boolean): ArgumentLocator {
  return async (request, ctx) => {
    const scope = scopeArg(request, 0);
    const filename = stringArg(request, 1);
    if (!scope || filename === undefined) return [];
    if ('Folder' in scope.kind) return inside(ctx, filename.startsWith('/') ? filename : `${scope.kind.Folder}/${filename}`, () => true);
    if ('File' in scope.kind) return [];
    const ws = Workspace.of(ctx);
    return scope.paths.filter((p) => matches(p, filename) && ws.contains(path.resolve(p))).map((p) => ({ path: path.resolve(p) }));
  };
}

export const filesLocators: { selector: Record<string, Locator>; check: Record<string, Locator> } = {
  selector: {
    file_selector: byArgument({ 0: pathArgument((dir) => !dir) }),
    folder_selector: byArgument({ 0: pathArgument((dir) => dir) }),
    glob_selector: byArgument({ 0: globArgument }),
  },
  check: {
    exists: byArgument({ 1: fileInScope((p, f) => fileName(p) === f) }),
    contains: byArgument({ 1: fileInScope((p, f) => p.endsWith(f) || fileName(p) === f) }),
  },
};
