import * as path from 'node:path';
import { BUILTIN_LIBRARY_NAMES } from '../../libraries/builtinNames';
import { createBuiltinLibraries } from '../../libraries/builtin';
import { loadConfig } from '../../plugins/config';
import { PluginHost, type PluginHostState } from '../../plugins/host';
import type { LoadWasmLibrary } from '../../plugins/types';
import type { CliIO } from '../io';

/** What the CLI can be given from outside (the binary wires the WASM sandbox). */
export interface CliDeps {
  loadWasm?: LoadWasmLibrary;
}

/**
 * Library names `check`/`parse`/`run` accept without W001: the built-ins and the entries
 * of `<dir>/hielements.toml` (read with the config loader; a bad file adds nothing).
 */
export async function knownLibraries(dir: string): Promise<Set<string>> {
  const config = await loadConfig(dir);
  return new Set([...BUILTIN_LIBRARY_NAMES, ...config.libraries.map((l) => l.name)]);
}

/**
 * Built-ins plus the plugins of `<workspace>/hielements.toml`. External plugins start in
 * the CLI's current directory (relative executables resolve there, as in the reference).
 * Config problems go to stderr; stdout stays the reference's.
 */
export async function openPluginHost(io: CliIO, workspaceDir: string, deps: CliDeps, log: (message: string) => void): Promise<{ host: PluginHost; state: PluginHostState }> {
  const host = new PluginHost({
    workspaceRoot: workspaceDir,
    builtins: createBuiltinLibraries(),
    loadWasm: deps.loadWasm,
    externalCwd: io.cwd,
    log,
  });
  const state = await host.load();
  for (const d of state.diagnostics) {
    if (d.severity !== 'error' && d.severity !== 'warning') continue;
    // the run goes on without the entry, hence a warning here
    const where = state.config.file ? path.relative(io.cwd, state.config.file) || state.config.file : 'hielements.toml';
    io.err(`warning[${d.code}]: ${d.message}\n  --> ${where}:${d.span.start.row + 1}:${d.span.start.column + 1}\n`);
  }
  return { host, state };
}
