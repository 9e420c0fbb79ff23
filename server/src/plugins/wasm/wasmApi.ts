/**
 * Typed access to the engine's `WebAssembly` global (the project's `lib` setting has no
 * DOM types, and declaring the global here could clash with other layers' declarations).
 */

/** A compiled module (opaque; cloneable to a worker). */
export type WasmModule = { readonly __wasmModule: unique symbol };

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

export interface WasmImportDescriptor {
  module: string;
  name: string;
  kind: string;
}

interface Api {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  /** Full validation, whatever the engine's flags. */
  validate(bytes: Uint8Array): boolean;
  Module: { imports(m: WasmModule): WasmImportDescriptor[]; exports(m: WasmModule): Array<{ name: string; kind: string }> };
  Instance: new (m: WasmModule, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
  Memory: new (d: { initial: number; maximum?: number }) => WasmMemory;
  RuntimeError: new (message?: string) => Error;
}

export const Wasm = (globalThis as unknown as { WebAssembly: Api }).WebAssembly;

export const isMemory = (v: unknown): v is WasmMemory => v instanceof Wasm.Memory;
