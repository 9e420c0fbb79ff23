import * as path from 'node:path';
import type { Value } from '../../eval/values';

/**
 * Scope paths cross the plugin boundary relative to the workspace root (wasm-plugins.md
 * §2.1): the engine's `<workspace>/<rel>` (stdlib.md §1) becomes `<rel>` going in, and a
 * plugin's relative path becomes `<workspace>/<rel>` coming back. Anything else is unchanged.
 */

export interface PathBase {
  /** The workspace string as the engine has it (`.`, `examples`, an absolute path …). */
  workspace: string;
  /** Absolute workspace root. */
  root: string;
}

function toPlugin(p: string, base: PathBase): string {
  const prefix = base.workspace.endsWith('/') ? base.workspace : `${base.workspace}/`;
  if (p.startsWith(prefix)) return p.slice(prefix.length);
  if (path.isAbsolute(p)) {
    const rel = path.relative(base.root, p);
    if (rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
  }
  return p;
}

function fromPlugin(p: string, base: PathBase): string {
  if (p === '' || path.isAbsolute(p) || p.startsWith('../')) return p;
  return `${base.workspace.replace(/\/$/, '')}/${p}`;
}

function mapScopes(v: Value, f: (p: string) => string): Value {
  if (v.type === 'scope') return { ...v, paths: v.paths.map(f) };
  if (v.type === 'list') return { type: 'list', items: v.items.map((i) => mapScopes(i, f)) };
  return v;
}

export const scopesToPlugin = (v: Value, base: PathBase): Value => mapScopes(v, (p) => toPlugin(p, base));
export const scopesFromPlugin = (v: Value, base: PathBase): Value => mapScopes(v, (p) => fromPlugin(p, base));
