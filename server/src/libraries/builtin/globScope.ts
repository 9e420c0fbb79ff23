import * as path from 'node:path';
import { parseGlob, minimumDepth } from './globPattern';
import { evaluateGlob, type GlobMatch } from './globWalk';
import { outsideError, type Workspace } from './paths';

/**
 * Evaluate `<base>/<pattern>` where `base` is a directory string inside the workspace.
 * Returns undefined for an invalid pattern; throws (code `outsideCode`) when the pattern
 * could reach outside the workspace: absolute patterns must start with the workspace's
 * absolute path, and `..` components may not climb above the workspace.
 */
export function globInWorkspace(ws: Workspace, base: string, pattern: string, outsideCode: string): GlobMatch[] | undefined {
  let baseDir = base;
  let rest = pattern;
  if (pattern.startsWith('/')) {
    const root = ws.abs.endsWith('/') ? ws.abs : ws.abs + '/';
    if (!(pattern + '/').startsWith(root)) throw outsideError(outsideCode, pattern);
    baseDir = ws.abs;
    rest = pattern.slice(root.length);
  }
  const components = parseGlob(rest);
  if (!components) return undefined;
  const baseDepth = depthBelow(ws.abs, path.resolve(baseDir));
  if (baseDepth === undefined || baseDepth + minimumDepth(components) < 0) throw outsideError(outsideCode, pattern);
  return evaluateGlob(baseDir, components);
}

function depthBelow(root: string, abs: string): number | undefined {
  const rel = path.relative(root, abs);
  if (rel === '') return 0;
  if (rel === '..' || rel.startsWith('..' + path.sep) || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).length;
}
