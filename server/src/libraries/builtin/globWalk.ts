import * as fs from 'node:fs';
import { compareCodeUnits } from '../../workspace/dirWalk';
import { matchComponent, type GlobComponent } from './globPattern';
import { joinPath } from './paths';

/** A glob match: the path as reported (`<base>/<rest>`) and its kind. */
export interface GlobMatch {
  path: string;
  isFile: boolean;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function readNames(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => compareCodeUnits(a.name, b.name));
  } catch {
    return []; // unreadable directories contribute nothing
  }
}

/**
 * Evaluate parsed components below `base` (a path string usable for the filesystem
 * relative to the current directory; results are reported with it as prefix).
 * Literal components and wildcard matches follow links like the crate does; `**` does not
 * descend into linked directories (so link loops cannot make it run forever).
 */
export function evaluateGlob(base: string, components: GlobComponent[]): GlobMatch[] {
  let current = [base];
  components.forEach((component, i) => {
    const last = i === components.length - 1;
    const next: string[] = [];
    for (const dir of current) {
      if (component.kind === 'literal') {
        const p = joinPath(dir, component.text);
        if (last ? fs.existsSync(p) : isDirectory(p)) next.push(p);
      } else if (component.kind === 'recursive') {
        if (isDirectory(dir)) collectDirectories(dir, next);
      } else {
        for (const entry of readNames(dir)) {
          if (!matchComponent(component.tokens, entry.name)) continue;
          const p = joinPath(dir, entry.name);
          if (last || isDirectory(p)) next.push(p);
        }
      }
    }
    current = next;
  });
  const unique = [...new Set(current)].sort(compareCodeUnits);
  return unique.map((p) => ({ path: p, isFile: isFile(p) }));
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** `dir` and every directory below it, not entering linked directories. */
function collectDirectories(dir: string, out: string[]): void {
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop() as string;
    out.push(d);
    const children = readNames(d)
      .filter((e) => e.isDirectory())
      .map((e) => joinPath(d, e.name));
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}
