import { promises as fsp } from 'node:fs';
import type { LoadWasmLibrary, WasmLibraryConfig, WasmLoadOptions, WasmLoadResult } from '../types';
import { CORE_ABI_EXPORTS, WIT_PACKAGE, componentImportUse, coreImportUse, refuseComponentImports, refuseCoreImports, staticFindings, type ImportUse } from './importPolicy';
import { PluginWorker } from './pluginWorker';
import { capMemory, detectFormat, pagesForMb } from './wasmBinary';
import { Wasm, type WasmModule } from './wasmApi';
import { prepareComponent } from './componentCache';
import { compileCoreModules, type CoreModules } from './componentModules';
import { WasmLibrary } from './wasmLibrary';
import { LibraryError } from '../../libraries/library';
import { WasmErrorCode } from './valueJson';
import type { WorkerInit } from './workerProtocol';
import { userConfigDirectory } from '../userConfig';

export { WasmLibrary, type BatchCall } from './wasmLibrary';
export { WasmErrorCode } from './valueJson';

/**
 * Load a WASM plugin (wasm-plugins.md): tell component from core module by the header,
 * check its imports against the allow-list before anything runs, and return a Library
 * whose calls run in a sandboxed worker. Throws a LibraryError (code E604) naming the
 * reason when the module cannot be loaded.
 */
export const loadWasmLibrary: LoadWasmLibrary = (config, options) => loadWasm(config, options);

class HeaderReadError extends Error {}

/** The first 8 bytes (magic and version: enough to tell the format). */
async function readHeader(file: string): Promise<Uint8Array> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(file, 'r');
    const header = new Uint8Array(8);
    const { bytesRead } = await handle.read(header, 0, 8, 0);
    return header.subarray(0, bytesRead);
  } catch (e) {
    throw new HeaderReadError((e as Error).message);
  } finally {
    await handle?.close();
  }
}

export interface WasmLoadExtras {
  /** Where transpiled components are cached (default: owner-only `os.tmpdir()/hielements-jco-cache-<uid>`). */
  cacheDir?: string;
}

export async function loadWasm(config: WasmLibraryConfig, options: WasmLoadOptions, extras: WasmLoadExtras = {}): Promise<WasmLoadResult & { library: WasmLibrary }> {
  const fail = (why: string): never => {
    throw new LibraryError(WasmErrorCode.load, `WASM library \`${config.name}\` (${config.path}): ${why}`);
  };
  let format: 'core' | 'component';
  try {
    format = detectFormat(await readHeader(config.path));
  } catch (e) {
    return fail(e instanceof HeaderReadError ? `cannot read the file: ${e.message}` : (e as Error).message);
  }
  const memoryPages = pagesForMb(config.limits.memoryMb);
  let plugin: WorkerInit['plugin'];
  let use: ImportUse;
  let coreModules: Promise<CoreModules> | undefined;
  if (format === 'core') {
    let module: WasmModule;
    let bytes: Uint8Array;
    try {
      bytes = await fsp.readFile(config.path);
    } catch (e) {
      return fail(`cannot read the file: ${(e as Error).message}`);
    }
    let capped: Uint8Array;
    try {
      capped = capMemory(bytes, memoryPages);
      module = await Wasm.compile(capped);
    } catch (e) {
      return fail(`invalid module: ${(e as Error).message}`);
    }
    // once a component has turned on lazy validation (engineFlags.ts), compiling no longer looks at function bodies
    if (!Wasm.validate(capped)) fail('invalid module: a function body is not valid WebAssembly');
    const imports = Wasm.Module.imports(module);
    const refusal = refuseCoreImports(imports);
    if (refusal) fail(refusal);
    const exports = new Set(Wasm.Module.exports(module).map((e) => e.name));
    const missing = CORE_ABI_EXPORTS.filter((n) => !exports.has(n));
    if (missing.length > 0) fail(`missing core ABI v1 export${missing.length > 1 ? 's' : ''} ${missing.map((m) => `\`${m}\``).join(', ')}`);
    plugin = { format: 'core', module };
    use = coreImportUse(imports);
  } else {
    let prepared: Awaited<ReturnType<typeof prepareComponent>>;
    try {
      prepared = await prepareComponent(config.path, extras.cacheDir);
    } catch (e) {
      return fail(`cannot transpile the component: ${(e as Error).message}`);
    }
    const refusal = refuseComponentImports(prepared.imports);
    if (refusal) fail(refusal);
    if (!prepared.exportsLibrary) fail(`the component does not export \`${WIT_PACKAGE.replace('@', '/library@')}\``);
    plugin = { format: 'component', dir: prepared.dir };
    use = componentImportUse(prepared.imports);
    // compiled here while the worker starts; the worker instantiates them
    coreModules = compileCoreModules(prepared.dir, memoryPages);
  }

  const env = config.capabilities.env.flatMap((n): [string, string][] => (process.env[n] !== undefined ? [[n, process.env[n]!]] : []));
  const init: WorkerInit = {
    library: config.name,
    workspaceRoot: options.workspaceRoot,
    fs: config.capabilities.fs,
    env,
    protectedFiles: options.protectedFiles ?? [],
    // the worker gets only granted variables: the host resolves $XDG_CONFIG_HOME / ~ here
    protectedFolders: [userConfigDirectory()],
    writeWithheld: options.writeWithheld === true,
    memoryPages,
    plugin,
  };
  const worker = new PluginWorker(init, config.limits.timeoutMs, options.log, coreModules);
  // the plugin starts while the caller gets on with parsing and evaluating
  worker.prestart();
  const library = new WasmLibrary({ name: config.name, worker, fsGranted: config.capabilities.fs !== 'none', workspaceRoot: options.workspaceRoot, onDenied: options.onDenied });
  return { library, findings: staticFindings(config.name, config.capabilities, use) };
}
