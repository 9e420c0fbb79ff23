import * as path from 'node:path';
import type { ScopeValue } from '../eval/values';
import type { ScopeDecl } from '../model/types';
import { modelIndex } from './modelIndex';
import type { HieFile } from './workspaceState';

/** A scope declaration of the file with the value its selector had in the last run. */
export interface MatchedScope {
  /** `element.path.scope` */
  path: string;
  decl: ScopeDecl;
  value: ScopeValue;
}

/**
 * The scope declarations of elements whose selector produced a Scope in the file's last run
 * of this very revision (inlay hints count their files; an empty one gets a warning).
 * Pattern-owned scopes (evaluated per implementing element) are left out.
 */
export function matchedScopes(file: HieFile): MatchedScope[] {
  const record = file.checks;
  if (!record || record.revision !== file.revision || record.generation !== file.project.generation) return [];
  const index = modelIndex(file.doc.analysis.program);
  const out: MatchedScope[] = [];
  for (const s of record.scopes) {
    if (s.outcome.kind !== 'value' || s.outcome.value.type !== 'scope' || s.elementPath.includes('#')) continue;
    const path = `${s.elementPath}.${s.name}`;
    const decl = index.declarations.get(`scope:${path}`)?.scope;
    if (decl?.expression) out.push({ path, decl, value: s.outcome.value });
  }
  return out;
}

export const filesText = (n: number): string => `${n} file${n === 1 ? '' : 's'}`;

/** The paths of a scope, relative to the project folder when inside it. */
export function projectRelative(file: HieFile, value: ScopeValue): string[] {
  const root = file.project.root;
  return value.paths.map((p) => {
    const rel = path.relative(root, path.resolve(root, p));
    return rel.startsWith('..') || path.isAbsolute(rel) ? p : rel.split(path.sep).join('/');
  });
}
