import type { Node } from 'web-tree-sitter';
import type { SourceRange } from '../library';

/** A node's range (tree-sitter positions of a JS string: UTF-16 columns). */
export function rangeOf(node: Node): SourceRange {
  const { startPosition: s, endPosition: e } = node;
  return { start: { row: s.row, column: s.column }, end: { row: e.row, column: e.column } };
}

/** Identifier text without the raw-identifier prefix (`r#type` → `type`). */
export function identifierText(node: Node): string {
  const t = node.text;
  return t.startsWith('r#') ? t.slice(2) : t;
}

/** Source text without whitespace or comments' line breaks: `Foo < T >` → `Foo<T>`. */
export function compactText(node: Node): string {
  return node.text.replace(/\s+/g, '');
}

/** Path segments of a `::` path, generic arguments removed: `a::b::<T>::c` → [a, b, c]. */
export function pathSegments(text: string): string[] {
  let depth = 0;
  let plain = '';
  for (const ch of text.replace(/\s+/g, '')) {
    if (ch === '<') depth++;
    else if (ch === '>') depth = Math.max(0, depth - 1);
    else if (depth === 0) plain += ch;
  }
  return plain
    .split('::')
    .map((s) => (s.startsWith('r#') ? s.slice(2) : s))
    .filter((s) => s !== '');
}

/** Whether `needle` occurs in `hay` as a contiguous run. */
export function containsRun(hay: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0 || needle.length > hay.length) return false;
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Whether `hay` ends with `needle`. */
export function endsWithRun(hay: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0 || needle.length > hay.length) return false;
  const off = hay.length - needle.length;
  return needle.every((s, i) => hay[off + i] === s);
}
