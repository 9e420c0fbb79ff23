import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { BUILTIN_LIBRARY_NAMES } from '../../libraries/builtinNames';

/**
 * Library names `check`/`parse`/`run` accept without W001: the built-ins and the entries
 * of `<dir>/hielements.toml` (read with the config loader; a bad file adds nothing).
 */
export async function knownLibraries(dir: string): Promise<Set<string>> {
  return new Set([...BUILTIN_LIBRARY_NAMES, ...(await configuredLibraries(dir))]);
}

/**
 * Names of the libraries `<dir>/hielements.toml` configures (a bad file configures none).
 * Without a hielements.toml the TOML reader is not even loaded (cold start of `check`).
 */
export async function configuredLibraries(dir: string): Promise<string[]> {
  if (!existsSync(path.join(dir, 'hielements.toml'))) return [];
  const { loadConfig } = await import('../../plugins/config/index.js');
  return (await loadConfig(dir)).libraries.map((l) => l.name);
}

/** `run`'s default workspace: Rust's `Path::parent` of the spec file, `.` when empty (cli.md §3). */
export function defaultWorkspace(file: string): string {
  const slash = file.lastIndexOf('/');
  if (slash < 0) return '.';
  return slash === 0 ? '/' : file.slice(0, slash);
}
