import { createBuiltinLibraries } from '../libraries/builtin';
import { builtinCatalogue } from '../libraries/builtin/define';
import { catalogueOfDoc } from '../libraries/catalogue';
import type { Library, LibraryDoc, LibraryRegistry } from '../libraries/library';
import { staticLibraries, type LibraryKnowledge, type StaticLibraries } from './libraries';

/**
 * The libraries of a run: built-ins are exact (unless a plugin replaced them), a plugin is
 * documented when `docOf` has its description, opaque otherwise. `configured` adds the names
 * of hielements.toml entries that are not loaded (not started, failed to load): they exist for
 * the run's purposes as far as the checker can tell, so they are opaque, never unknown.
 */
export function librariesOfRegistry(registry: LibraryRegistry, configured: Iterable<string> = [], docOf?: (lib: Library) => LibraryDoc | undefined): StaticLibraries {
  const entries: [string, LibraryKnowledge][] = [];
  for (const lib of registry.all()) entries.push([lib.name, knowledgeOf(lib, docOf)]);
  for (const name of configured) if (!registry.has(name)) entries.push([name, { kind: 'opaque' }]);
  return staticLibraries(entries);
}

function knowledgeOf(lib: Library, docOf?: (lib: Library) => LibraryDoc | undefined): LibraryKnowledge {
  const exact = builtinCatalogue(lib);
  if (exact) return { kind: 'exact', catalogue: exact };
  const doc = docOf?.(lib);
  const catalogue = doc && catalogueOfDoc(lib.name, doc);
  return catalogue ? { kind: 'documented', catalogue } : { kind: 'opaque' };
}

/**
 * `hielements check` starts no plugin (cli.md §2): the built-ins, and every configured name as
 * opaque (a configured name replaces the built-in of that name).
 */
export function librariesWithoutPlugins(configured: Iterable<string>): StaticLibraries {
  const entries = new Map<string, LibraryKnowledge>();
  for (const lib of createBuiltinLibraries()) entries.set(lib.name, knowledgeOf(lib));
  for (const name of configured) entries.set(name, { kind: 'opaque' });
  return staticLibraries(entries);
}
