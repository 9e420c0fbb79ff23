import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { BUILTIN_LIBRARY_NAMES } from '../../libraries/builtinNames';

/**
 * Library names `check`/`parse`/`run` accept without W001: the built-ins and the entries
 * of `<dir>/hielements.toml` (read with the config loader; a bad file adds nothing).
 * Without a hielements.toml the TOML reader is not even loaded (cold start of `check`).
 */
export async function knownLibraries(dir: string): Promise<Set<string>> {
  const names = new Set(BUILTIN_LIBRARY_NAMES);
  if (!existsSync(path.join(dir, 'hielements.toml'))) return names;
  const { loadConfig } = await import('../../plugins/config/index.js');
  for (const l of (await loadConfig(dir)).libraries) names.add(l.name);
  return names;
}
