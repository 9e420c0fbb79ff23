import * as path from 'node:path';
import { createBuiltinLibraries } from '../../libraries/builtin';
import { PluginHost, type PluginHostState } from '../../plugins/host';
import type { LoadWasmLibrary } from '../../plugins/types';
import type { CliIO } from '../io';

export { knownLibraries } from './knownLibraries';

/** What the CLI can be given from outside (tests, embedders). */
export interface CliDeps {
  /** The WASM sandbox; without it WASM entries are reported (E529) and not loaded. */
  loadWasm?: LoadWasmLibrary;
}

/** The sandbox, loaded only when hielements.toml names a WASM library (keeps startup small). */
export const lazyWasmLoader: LoadWasmLibrary = async (config, options) => (await import('../../plugins/wasm/index.js')).loadWasmLibrary(config, options);

export const DEFAULT_DEPS: CliDeps = { loadWasm: lazyWasmLoader };

/**
 * Built-ins plus the plugins of `<workspace>/hielements.toml`. External plugins start in
 * the CLI's current directory (relative executables resolve there, as in the reference).
 * Config problems go to stderr; stdout stays the reference's.
 */
export async function openPluginHost(io: CliIO, workspaceDir: string, deps: CliDeps, log: (message: string) => void): Promise<{ host: PluginHost; state: PluginHostState }> {
  // sandbox findings (a capability the module needs but was not granted, a refused access), once each
  const noted = new Set<string>();
  const note = (message: string): void => {
    if (noted.has(message)) return;
    noted.add(message);
    io.err(`warning: ${message}\n`);
  };
  const host = new PluginHost({
    workspaceRoot: workspaceDir,
    builtins: createBuiltinLibraries(),
    loadWasm: deps.loadWasm,
    externalCwd: io.cwd,
    log,
    onDenied: (finding) => note(finding.message),
  });
  const state = await host.load();
  for (const finding of state.findings) if (finding.kind === 'missing') note(finding.message);
  for (const d of state.diagnostics) {
    if (d.severity !== 'error' && d.severity !== 'warning') continue;
    // the run goes on without the entry, hence a warning here
    const where = state.config.file ? path.relative(io.cwd, state.config.file) || state.config.file : 'hielements.toml';
    io.err(`warning[${d.code}]: ${d.message}\n  --> ${where}:${d.span.start.row + 1}:${d.span.start.column + 1}\n`);
  }
  return { host, state };
}
