import type { LibraryCatalogue } from '../libraries/catalogue';

/**
 * What the checker knows about one library name:
 * - `exact`: a built-in; its catalogue is what the run enforces (errors are certain);
 * - `documented`: a plugin that describes itself (`library.doc`, WASM `library-doc`); nothing
 *   enforces the description, so what contradicts it is a warning;
 * - `opaque`: exists, but says nothing about its functions (an external plugin without docs,
 *   one not started, a plugin that replaced a built-in without describing itself).
 */
export type LibraryKnowledge =
  | { kind: 'exact'; catalogue: LibraryCatalogue }
  | { kind: 'documented'; catalogue: LibraryCatalogue }
  | { kind: 'opaque' };

export interface StaticLibraries {
  /** Changes whenever any answer below may change (plugins reloaded, docs arrived). */
  readonly version: string;
  /**
   * False while the set of libraries is not known yet (the language server before the
   * project's plugins are loaded): no call is then reported as an unknown library.
   */
  readonly complete: boolean;
  get(name: string): LibraryKnowledge | undefined;
  /** Every library name, for "did you mean". */
  names(): readonly string[];
}

let versions = 0;

/** A fixed set of libraries; `version` is unique per instance. */
export function staticLibraries(entries: Iterable<[string, LibraryKnowledge]>, complete = true): StaticLibraries {
  const map = new Map(entries);
  const names = [...map.keys()];
  const version = `libs-${++versions}`;
  return { version, complete, get: (name) => map.get(name), names: () => names };
}

/** Nothing known yet: only what does not depend on libraries is reported. */
export const UNKNOWN_LIBRARIES: StaticLibraries = staticLibraries([], false);
