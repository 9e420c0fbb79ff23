import type { Evaluate } from '../eval/types';
import type { LoadWasmLibrary } from '../plugins/types';

/**
 * Optional layers, required lazily so that the server keeps serving syntax, hover and
 * completion when a build lacks them (the bundler still bundles them when present).
 */
export function loadEvaluate(log: (message: string) => void): Evaluate | undefined {
  try {
    return (require('../eval/engine') as { evaluate: Evaluate }).evaluate;
  } catch (e) {
    log(`The evaluation engine is not available, checks will not run: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

export function loadWasmLoader(log: (message: string) => void): LoadWasmLibrary | undefined {
  try {
    return (require('../plugins/wasm') as { loadWasmLibrary: LoadWasmLibrary }).loadWasmLibrary;
  } catch (e) {
    log(`WASM plugins are not available in this build: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

/**
 * The WASM loader, required on first use: workspaces without WASM plugins never load the
 * sandbox (faster start, and none of its module-level code runs in the server).
 */
export function lazyWasmLoader(log: (message: string) => void): LoadWasmLibrary {
  let loader: LoadWasmLibrary | undefined | null = null;
  return (config, options) => {
    if (loader === null) loader = loadWasmLoader(log);
    if (!loader) return Promise.reject(new Error('WASM plugins are not available in this build'));
    return loader(config, options);
  };
}
