import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { PluginReportedError, type PluginInstance, type Request } from './pluginInstance';
import { createPreview2, type Preview2 } from './preview2';
import type { Sandbox } from './sandbox';
import { readCapped } from './wasmBinary';
import type { CoreModules } from './componentModules';
import { isMemory, Wasm, type WasmMemory, type WasmModule } from './wasmApi';
import { interfaceName } from './importPolicy';
import { loadGlue } from './glueScript';

/** One instance of a transpiled component (world `plugin` / `plugin-fs`), fed only our own imports. */

interface LibraryExports {
  libraryName(): string;
  libraryDoc(): string;
  libraryCall(fn: string, args: string, workspace: string): string;
  libraryCheck(fn: string, args: string, workspace: string): { passed: boolean; message?: string };
}

type Instantiate = (
  getCoreModule: (name: string) => Promise<WasmModule>,
  imports: Record<string, Record<string, unknown>>,
  instantiateCore: (m: WasmModule, imports?: Record<string, unknown>) => Promise<{ exports: Record<string, unknown> }>,
) => Promise<Record<string, unknown>>;

export class ComponentInstance implements PluginInstance {
  private constructor(
    private readonly lib: LibraryExports,
    private readonly wasi: Preview2,
    private readonly memories: WasmMemory[],
    private readonly saveCodeCache: () => Promise<void>,
  ) {}

  /** Once its first requests have run: keep V8's code cache of the glue for the next process. */
  afterFirstBatch(): Promise<void> {
    return this.saveCodeCache();
  }

  /** `compiled` gives the host's compiled core modules (absent names are read and compiled here). */
  static async create(dir: string, maxPages: number, sandbox: Sandbox, compiled: Promise<CoreModules>): Promise<ComponentInstance> {
    const meta = JSON.parse(await fsp.readFile(path.join(dir, 'meta.json'), 'utf8')) as { bindings: string[]; script?: boolean };
    const glue = await loadGlue<Instantiate>(dir, meta.script === true);
    const instantiate = glue.instantiate;
    const wasi = createPreview2(sandbox);
    const imports: Record<string, Record<string, unknown>> = {};
    for (const spec of meta.bindings) {
      const impl = wasi.interfaces[interfaceName(spec)];
      if (!impl) throw new Error(`no implementation for import \`${spec}\``);
      imports[spec] = impl;
    }
    const memories: WasmMemory[] = [];
    const getCoreModule = async (name: string): Promise<WasmModule> => {
      const c = (await compiled)[name];
      if (!c) return Wasm.compile(await readCapped(path.join(dir, name), maxPages));
      if ('error' in c) throw new Error(c.error);
      return c.module;
    };
    const instantiateCore = async (m: WasmModule, imp: Record<string, unknown> = {}) => {
      const instance = new Wasm.Instance(m, imp as Record<string, Record<string, unknown>>);
      for (const v of Object.values(instance.exports)) if (isMemory(v)) memories.push(v);
      return instance;
    };
    const exports = await instantiate(getCoreModule, imports, instantiateCore);
    const lib = (exports.library ?? exports['hielements:plugin/library@0.1.0']) as LibraryExports | undefined;
    if (!lib) throw new Error('the component does not export `hielements:plugin/library@0.1.0`');
    return new ComponentInstance(lib, wasi, memories, glue.saveCodeCache);
  }

  run(req: Request): string | undefined {
    try {
      switch (req.op) {
        case 'call':
          return this.lib.libraryCall(req.fn, req.args, req.workspace);
        case 'check': {
          const r = this.lib.libraryCheck(req.fn, req.args, req.workspace);
          return JSON.stringify(r.message === undefined || r.message === null ? { passed: r.passed } : { passed: r.passed, message: r.message });
        }
        case 'doc':
          return this.lib.libraryDoc();
        case 'name':
          return this.lib.libraryName();
      }
    } catch (e) {
      // jco throws the `err` of a result<_, string> as a ComponentError carrying it in `payload`.
      if (typeof e === 'string') throw new PluginReportedError(e);
      if (typeof e === 'object' && e !== null && typeof (e as { payload?: unknown }).payload === 'string') throw new PluginReportedError((e as { payload: string }).payload);
      throw e;
    }
  }

  memoryBytes(): number {
    return Math.max(0, ...this.memories.map((m) => m.buffer.byteLength));
  }

  dispose(): void {
    this.wasi.closeAll();
  }
}
