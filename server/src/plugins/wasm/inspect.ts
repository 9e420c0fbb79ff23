import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LibraryDoc } from '../../libraries/library';
import { componentItems } from './componentBinary';
import { CORE_ABI_EXPORTS, LIBRARY_EXPORT, WIT_PACKAGE, componentImportUse, coreImportUse, isAllowedComponentImport, isAllowedCoreImport, type ImportUse } from './importPolicy';
import { loadWasm } from './index';
import { detectFormat } from './wasmBinary';
import { Wasm } from './wasmApi';

/**
 * What a WASM plugin is and what the host would make of it, before anyone writes a
 * `hielements.toml` entry: format, exports, imports, the capabilities those imports need,
 * what would be refused, and (when it loads) the library's own documentation, obtained by
 * running it in the sandbox with no capability at all.
 */

export interface InspectReport {
  file: string;
  format: 'component' | 'core';
  exports: string[];
  imports: string[];
  /** The least grant the imports can use: `fs: "read"` for file imports; `env: []` (names to list) for environment imports. */
  capabilities: { fs?: 'read'; env?: string[] };
  /** Imports the host refuses: the plugin would not load. */
  refused: string[];
  /** Exports the host requires and the plugin lacks (core ABI v1, or the WIT `library` interface). */
  missing: string[];
  /** Whether the host loads it. */
  loadable: boolean;
  /** The library's documentation (`library-doc`), null when it does not load. */
  library: LibraryDoc | null;
  /** Why the library could not be loaded or asked for its documentation. */
  error?: string;
}

export async function inspectWasm(file: string, cacheDir?: string): Promise<InspectReport> {
  const bytes = await fsp.readFile(file);
  const format = detectFormat(bytes);
  let exports: string[];
  let imports: string[];
  let refused: string[];
  let missing: string[];
  let use: ImportUse;
  if (format === 'core') {
    const module = await Wasm.compile(bytes).catch((e: Error) => {
      throw new Error(`invalid module: ${e.message}`);
    });
    const imps = Wasm.Module.imports(module);
    exports = Wasm.Module.exports(module).map((e) => e.name);
    imports = imps.map((i) => `${i.module}.${i.name}`);
    refused = imps.filter((i) => !isAllowedCoreImport(i)).map((i) => `${i.module}.${i.name}${i.kind === 'function' ? '' : ` (${i.kind})`}`);
    missing = CORE_ABI_EXPORTS.filter((n) => !exports.includes(n));
    use = coreImportUse(imps);
  } else {
    ({ exports, imports } = componentItems(bytes));
    refused = imports.filter((i) => !isAllowedComponentImport(i));
    missing = exports.some((e) => LIBRARY_EXPORT.test(e)) ? [] : [WIT_PACKAGE.replace('@', '/library@')];
    use = componentImportUse(imports);
  }
  const capabilities: InspectReport['capabilities'] = {};
  if (use.fsImport) capabilities.fs = 'read';
  if (use.envImport) capabilities.env = [];
  const report: InspectReport = { file, format, exports, imports, capabilities, refused, missing, loadable: refused.length === 0 && missing.length === 0, library: null };
  if (report.loadable) await describeLibrary(file, report, cacheDir);
  return report;
}

/** Load the plugin with no capability in an empty workspace and ask for its name and docs. */
async function describeLibrary(file: string, report: InspectReport, cacheDir: string | undefined): Promise<void> {
  const ws = await fsp.mkdtemp(path.join(os.tmpdir(), 'hie-inspect-'));
  const logs: string[] = [];
  try {
    const name = path.basename(file).replace(/\.wasm$/, '');
    const span = { start: { row: 0, column: 0 }, end: { row: 0, column: 0 }, startIndex: 0, endIndex: 0 };
    const config = { type: 'wasm' as const, name, path: file, configDir: path.dirname(file), span, capabilities: { fs: 'none' as const, env: [] }, limits: { timeoutMs: 10_000, memoryMb: 256 } };
    const { library } = await loadWasm(config, { workspaceRoot: ws, log: (m) => logs.push(m) }, { cacheDir });
    try {
      // the plugin's own name (`library_name`), else the file's
      const pluginName = await library.pluginName().catch(() => undefined);
      report.library = { ...(await library.doc()), name: pluginName ?? name };
    } finally {
      await library.dispose();
    }
  } catch (e) {
    report.loadable = false;
    report.error = (e as Error).message;
  } finally {
    await fsp.rm(ws, { recursive: true, force: true });
  }
}
