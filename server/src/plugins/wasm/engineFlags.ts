import { setFlagsFromString } from 'node:v8';

/**
 * V8 validates each wasm function when it is first compiled rather than the whole module up
 * front: a JS component's 14 MB engine otherwise spends ~80 ms in validation before its first
 * call, most of it for functions a plugin never reaches. Code is still validated before it
 * runs. The flag is process-wide and only ever turned on (a module compiled under it relies
 * on it when each function is first compiled), so load-time checks that must see every
 * function body use `WebAssembly.validate`, which always validates in full.
 */
export function useLazyWasmValidation(): void {
  if (enabled) return;
  setFlagsFromString('--wasm-lazy-validation');
  enabled = true;
}

let enabled = false;
