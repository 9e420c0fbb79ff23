/**
 * Run-time values (language.md §7.2). `Int` is a JavaScript number holding an integral
 * value (the reference uses i64; values beyond 2^53 lose precision, none occur in practice).
 */
export type ScopeKind = { File: string } | { Folder: string } | { Glob: string };

export interface ScopeValue {
  type: 'scope';
  kind: ScopeKind;
  paths: string[];
  resolved: boolean;
}

export type Value =
  | { type: 'null' }
  | { type: 'bool'; value: boolean }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'string'; value: string }
  | { type: 'list'; items: Value[] }
  | ScopeValue;

export const NULL: Value = { type: 'null' };
export const str = (value: string): Value => ({ type: 'string', value });
export const int = (value: number): Value => ({ type: 'int', value: Math.trunc(value) });
export const bool = (value: boolean): Value => ({ type: 'bool', value });
export const scope = (kind: ScopeKind, paths: string[], resolved = true): ScopeValue => ({ type: 'scope', kind, paths, resolved });

/** A number literal becomes Int when its fractional part is zero, Float otherwise. */
export function numberValue(n: number): Value {
  return Number.isInteger(n) ? { type: 'int', value: n } : { type: 'float', value: n };
}

export function scopeKindText(kind: ScopeKind): string {
  return 'File' in kind ? kind.File : 'Folder' in kind ? kind.Folder : kind.Glob;
}
