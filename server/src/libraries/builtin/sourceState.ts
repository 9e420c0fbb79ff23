import type { Tree } from 'web-tree-sitter';
import * as path from 'node:path';
import type { CallContext } from '../library';
import type { WorkspaceIndex } from '../../workspace/workspaceIndex';
import { SyntaxCache, type SourceLanguage } from '../../workspace/syntaxCache';
import { FactsCache, SourceScan, type SourceFilter } from './sourceScan';
import type { Workspace } from './paths';

/** Everything a language library keeps per (index, workspace): scans, facts, trees. */
export interface LanguageState<F> {
  language: SourceLanguage;
  scan: SourceScan;
  facts: FactsCache<F>;
  syntax: SyntaxCache;
}

const syntaxCaches = new WeakMap<WorkspaceIndex, SyntaxCache>();
const states = new WeakMap<WorkspaceIndex, Map<string, LanguageState<unknown>>>();

/** The shared tree cache of an index (one per index, used by both languages). */
export function syntaxCacheOf(index: WorkspaceIndex): SyntaxCache {
  let cache = syntaxCaches.get(index);
  if (!cache) {
    cache = new SyntaxCache();
    syntaxCaches.set(index, cache);
  }
  return cache;
}

export function languageState<F>(ctx: CallContext, language: SourceLanguage, workspaceAbs: string, filter: SourceFilter): LanguageState<F> {
  // Keyed by the workspace string too: reported paths (memoised by the scan) start with it.
  let byKey = states.get(ctx.index);
  if (!byKey) {
    byKey = new Map();
    states.set(ctx.index, byKey);
  }
  const key = language + '\0' + workspaceAbs + '\0' + ctx.workspace;
  let state = byKey.get(key) as LanguageState<F> | undefined;
  if (!state) {
    state = { language, scan: new SourceScan(ctx.index, workspaceAbs, filter), facts: new FactsCache<F>(), syntax: syntaxCacheOf(ctx.index) };
    byKey.set(key, state as LanguageState<unknown>);
  }
  return state;
}

/** Facts of one file, parsing it only when its text changed. */
export function factsOf<F>(state: LanguageState<F>, file: string, text: string, extract: (tree: Tree) => F): Promise<F> {
  return state.facts.get(file, text, () => state.syntax.withTree(state.language, file, text, extract));
}

/**
 * Text of a path taken from a scope, or undefined when it cannot be read, is not UTF-8, or
 * lies outside the workspace (scopes from plugins are not trusted to stay inside).
 */
export async function scopeFileText(ctx: CallContext, ws: Workspace, p: string): Promise<string | undefined> {
  const abs = path.resolve(p);
  if (!ws.contains(abs)) return undefined;
  return ctx.index.readText(abs);
}
