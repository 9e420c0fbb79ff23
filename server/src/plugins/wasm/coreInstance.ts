import { createPreview1, type Preview1 } from './preview1';
import type { Sandbox } from './sandbox';
import { isMemory, Wasm, type WasmMemory, type WasmModule } from './wasmApi';
import type { PluginInstance, Request } from './pluginInstance';

/**
 * One instance of a core module speaking ABI v1 (wasm-plugins.md §2.2): the request JSON
 * goes into memory from `alloc`, the reply comes back as (ptr, len) or `ptr << 32 | len`.
 */

/** Thrown by `env.abort` (AssemblyScript's assertion/abort). */
export class PluginAbort extends Error {}

type Fn = (...args: number[]) => unknown;

export class CoreInstance implements PluginInstance {
  private constructor(
    private readonly exports: Record<string, unknown>,
    private readonly wasi: Preview1,
  ) {}

  static create(module: WasmModule, sandbox: Sandbox): CoreInstance {
    let memory: WasmMemory | undefined;
    const mem = () => {
      if (!memory) throw new Error('module has no exported memory');
      return memory;
    };
    const wasi = createPreview1(sandbox, mem);
    const abort = (msg: number, file: number, line: number, col: number) => {
      throw new PluginAbort(`abort: ${asString(mem(), msg)} at ${asString(mem(), file)}:${line}:${col}`);
    };
    const instance = new Wasm.Instance(module, { wasi_snapshot_preview1: wasi.imports, env: { abort } });
    const exports = instance.exports as Record<string, unknown>;
    if (!isMemory(exports.memory)) throw new Error('the module does not export `memory`');
    memory = exports.memory;
    for (const name of ['alloc', 'library_call', 'library_check']) {
      if (typeof exports[name] !== 'function') throw new Error(`the module does not export \`${name}\` (core ABI v1)`);
    }
    if (typeof exports._initialize === 'function') (exports._initialize as Fn)();
    return new CoreInstance(exports, wasi);
  }

  private get memory(): WasmMemory {
    return this.exports.memory as WasmMemory;
  }

  /** Unpack `(ptr, len)` (multi-value → array) or `ptr << 32 | len` (i64 → BigInt) and read the UTF-8 text. */
  private readReply(result: unknown, fn: string): string {
    let ptr: number;
    let len: number;
    if (Array.isArray(result) && result.length === 2) [ptr, len] = result.map((n) => Number(n) >>> 0);
    else if (typeof result === 'bigint') {
      ptr = Number((result >> 32n) & 0xffffffffn);
      len = Number(result & 0xffffffffn);
    } else throw new Error(`\`${fn}\` must return (ptr, len) or an i64, got ${typeof result}`);
    const buf = this.memory.buffer;
    if (ptr + len > buf.byteLength) throw new Error(`\`${fn}\` returned a reply outside memory (${ptr}+${len})`);
    const text = Buffer.from(buf, ptr, len).toString('utf8');
    if (typeof this.exports.dealloc === 'function' && len > 0) (this.exports.dealloc as Fn)(ptr, len);
    return text;
  }

  private invoke(fn: 'library_call' | 'library_check', payload: string): string {
    const bytes = Buffer.from(payload, 'utf8');
    const ptr = Number((this.exports.alloc as Fn)(bytes.length)) >>> 0;
    if (ptr + bytes.length > this.memory.buffer.byteLength) throw new Error(`\`alloc(${bytes.length})\` returned a pointer outside memory`);
    new Uint8Array(this.memory.buffer).set(bytes, ptr);
    const result = (this.exports[fn] as Fn)(ptr, bytes.length);
    const reply = this.readReply(result, fn);
    if (typeof this.exports.dealloc === 'function') (this.exports.dealloc as Fn)(ptr, bytes.length);
    return reply;
  }

  run(req: Request): string | undefined {
    switch (req.op) {
      case 'call':
      case 'check':
        return this.invoke(req.op === 'call' ? 'library_call' : 'library_check', `{"function":${JSON.stringify(req.fn)},"args":${req.args},"workspace":${JSON.stringify(req.workspace)}}`);
      case 'doc':
        return typeof this.exports.library_doc === 'function' ? this.readReply((this.exports.library_doc as Fn)(), 'library_doc') : undefined;
      case 'name':
        return typeof this.exports.library_name === 'function' ? this.readReply((this.exports.library_name as Fn)(), 'library_name') : undefined;
    }
  }

  memoryBytes(): number {
    return this.memory.buffer.byteLength;
  }

  dispose(): void {
    this.wasi.closeAll();
  }
}

/** An AssemblyScript string: UTF-16LE, byte length stored just before the pointer. */
function asString(memory: WasmMemory, ptr: number): string {
  if (ptr < 4 || ptr > memory.buffer.byteLength) return '';
  const len = new DataView(memory.buffer).getUint32(ptr - 4, true);
  if (ptr + len > memory.buffer.byteLength) return '';
  return Buffer.from(memory.buffer, ptr, len).toString('utf16le');
}
