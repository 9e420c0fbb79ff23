import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { useLazyWasmValidation } from './engineFlags';
import { readCapped } from './wasmBinary';
import { Wasm, type WasmModule } from './wasmApi';

/**
 * The core modules of a transpiled component, compiled by the host while the plugin's worker
 * starts (a JS component: ~0.15 s of reading and compiling its engine, otherwise spent after
 * the worker's own start-up). A compiled module goes to the worker without a copy, and a
 * restarted worker gets the same ones. Each gets the memory cap before it is compiled.
 */

/** File name (`plugin.core.wasm`, `plugin.core2.wasm`, …) → the module, or why it failed to read or compile. */
export type CoreModules = Record<string, { module: WasmModule } | { error: string }>;

const CORE_FILE = /^plugin\.core\d*\.wasm$/;

export async function compileCoreModules(dir: string, maxPages: number): Promise<CoreModules> {
  useLazyWasmValidation();
  let names: string[];
  try {
    names = (await fsp.readdir(dir)).filter((n) => CORE_FILE.test(n));
  } catch {
    return {}; // the worker then compiles (and reports) them itself
  }
  const compiled = await Promise.all(
    names.map(async (name) => {
      try {
        return { module: await Wasm.compile(await readCapped(path.join(dir, name), maxPages)) };
      } catch (e) {
        return { error: e instanceof Error ? e.message : String(e) };
      }
    }),
  );
  return Object.fromEntries(names.map((n, i) => [n, compiled[i]]));
}
