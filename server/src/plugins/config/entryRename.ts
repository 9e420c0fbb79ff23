/**
 * Renames a library entry of hielements.toml (the quick-fix for an entry that replaces a
 * built-in, trust.md §1): the key naming it is rewritten wherever it is spelled — in
 * `[libraries]` (`files = {…}`), in headers (`[libraries.files]`, `[libraries.files.capabilities]`)
 * and in dotted keys (`libraries.files.path = …`). Everything else is preserved byte for byte.
 * `[]` when the text is not valid TOML, the entry is absent, or the new name is taken.
 */
import * as TOML from '@iarna/toml';
import type { TextEdit } from './capabilityEdits';
import { LineIndex } from './textPosition';
import { locateToml, type KeySegment } from './tomlLocator';
import { isTable } from './tomlValues';

/** A free name for `name`: `<name>_plugin`, then `<name>_plugin2`, … */
export function freeEntryName(text: string, name: string): string | undefined {
  let libraries: unknown;
  try {
    libraries = (TOML.parse(text) as Record<string, unknown>).libraries;
  } catch {
    return undefined;
  }
  if (!isTable(libraries)) return undefined;
  for (let i = 1; i < 100; i++) {
    const candidate = `${name}_plugin${i === 1 ? '' : i}`;
    if (!(candidate in libraries)) return candidate;
  }
  return undefined;
}

export function renameEntryEdits(text: string, from: string, to: string): TextEdit[] {
  let libraries: unknown;
  try {
    libraries = (TOML.parse(text) as Record<string, unknown>).libraries;
  } catch {
    return [];
  }
  if (!isTable(libraries) || !(from in libraries) || to in libraries || !/^[A-Za-z0-9_-]+$/.test(to)) return [];
  const layout = locateToml(text);
  const lines = new LineIndex(text);
  const segments: KeySegment[] = [];
  /** The segment spelling path element 1 (the entry name), for a key written from `depth` on. */
  const take = (path: string[], segs: KeySegment[]): void => {
    if (path.length < 2 || path[0] !== 'libraries' || path[1] !== from) return;
    const index = 1 - (path.length - segs.length);
    if (index >= 0 && index < segs.length) segments.push(segs[index]);
  };
  for (const table of layout.tables) take(table.path, table.segments);
  for (const pair of layout.pairs) take(pair.path, pair.segments);
  const unique = [...new Map(segments.map((s) => [s.start, s])).values()];
  return unique.map((s) => ({ span: lines.span(s.start, s.end), newText: to }));
}
