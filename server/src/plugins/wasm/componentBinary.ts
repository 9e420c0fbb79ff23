import { readU32, writeU32 } from './wasmBinary';

/**
 * Reading a component's top level without a full parser: its import/export names, and its
 * core modules. Used to describe a component (`plugin inspect`, the import allow-list) and
 * to transpile it fast: jco only needs a core module's signatures to write its glue, so the
 * transpiler is given a copy whose function bodies are stubs, and the real core modules are
 * written next to the glue unchanged (jco copies them verbatim, in order).
 */

interface Section {
  id: number;
  /** Offset of the id byte. */
  header: number;
  /** Offset of the content. */
  start: number;
  end: number;
}

const COMPONENT_HEADER = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];

function* sections(bytes: Uint8Array, from = 8): Generator<Section> {
  let pos = from;
  while (pos < bytes.length) {
    const id = bytes[pos];
    const [size, start] = readU32(bytes, pos + 1);
    const end = start + size;
    if (end > bytes.length) throw new Error('truncated section');
    yield { id, header: pos, start, end };
    pos = end;
  }
}

const SECTION = { coreModule: 1, import: 10, export: 11 } as const;

class Reader {
  constructor(
    private readonly bytes: Uint8Array,
    public pos: number,
  ) {}
  byte(): number {
    if (this.pos >= this.bytes.length) throw new Error('truncated');
    return this.bytes[this.pos++];
  }
  u32(): number {
    const [v, next] = readU32(this.bytes, this.pos);
    this.pos = next;
    return v;
  }
  name(): string {
    const len = this.u32();
    const s = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + this.pos, len).toString('utf8');
    this.pos += len;
    return s;
  }
  /** `importname'` / `exportname'`: a discriminant byte (0x00 plain, 0x01 interface) and a name. */
  externName(): string {
    const kind = this.byte();
    if (kind !== 0x00 && kind !== 0x01) throw new Error(`unknown extern name kind ${kind}`);
    return this.name();
  }
  externDesc(): void {
    const kind = this.byte();
    if (kind === 0x00) {
      if (this.byte() !== 0x11) throw new Error('bad core module extern');
      this.u32();
    } else if (kind === 0x01 || kind === 0x04 || kind === 0x05) this.u32();
    else if (kind === 0x02 || kind === 0x03) {
      const bound = this.byte();
      if (bound === 0x00 || (kind === 0x02 && bound === 0x01)) this.u32(); // type index, or a valtype (s33 fits a u32 read)
      else if (!(kind === 0x03 && bound === 0x01)) throw new Error('bad type bound');
    } else throw new Error(`unknown extern kind ${kind}`);
  }
  /** A constant expression (i32/i64.const, global.get, extended-const arithmetic) up to its `end`. */
  constExpr(): void {
    for (;;) {
      const op = this.byte();
      if (op === 0x0b) return;
      if (op === 0x41 || op === 0x42) while (this.byte() & 0x80);
      else if (op === 0x23) this.u32();
      else if (![0x6a, 0x6b, 0x6c, 0x7c, 0x7d, 0x7e].includes(op)) throw new Error(`unsupported constant expression opcode ${op}`);
    }
  }
  sortIdx(): void {
    if (this.byte() === 0x00) this.byte();
    this.u32();
  }
}

export function isComponent(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && COMPONENT_HEADER.every((b, i) => bytes[i] === b);
}

/** Names the component imports and exports at its top level, e.g. `wasi:io/poll@0.2.12`. */
export function componentItems(bytes: Uint8Array): { imports: string[]; exports: string[] } {
  if (!isComponent(bytes)) throw new Error('not a WebAssembly component');
  const items = { imports: [] as string[], exports: [] as string[] };
  for (const s of sections(bytes)) {
    if (s.id !== SECTION.import && s.id !== SECTION.export) continue;
    const r = new Reader(bytes, s.start);
    for (let n = r.u32(); n > 0; n--) {
      const name = r.externName();
      if (s.id === SECTION.import) {
        r.externDesc();
        items.imports.push(name);
      } else {
        r.sortIdx();
        if (r.byte() === 0x01) r.externDesc();
        items.exports.push(name);
      }
    }
    if (r.pos !== s.end) throw new Error('malformed import/export section');
  }
  return items;
}

const CODE_SECTION = 10;
const DATA_SECTION = 11;
const CUSTOM_SECTION = 0;
/** A function body with no locals that traps: valid for any signature. */
const STUB_BODY = [0x03, 0x00, 0x00, 0x0b];

/**
 * The same core module with every function body replaced by a trap, every data segment
 * emptied and custom sections dropped: same imports, exports and types.
 */
export function stubCoreModule(module: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [module.subarray(0, 8)];
  for (const s of sections(module)) {
    if (s.id === CUSTOM_SECTION) continue;
    let body: number[] | undefined;
    if (s.id === CODE_SECTION) {
      const [count] = readU32(module, s.start);
      body = writeU32(count);
      for (let i = 0; i < count; i++) body.push(...STUB_BODY);
    } else if (s.id === DATA_SECTION) body = emptiedData(module, s);
    parts.push(body ? Uint8Array.from([s.id, ...writeU32(body.length), ...body]) : module.subarray(s.header, s.end));
  }
  return concat(parts);
}

/** A data section with the same segments (kind, memory, offset) and no bytes. */
function emptiedData(module: Uint8Array, s: Section): number[] {
  const r = new Reader(module, s.start);
  const count = r.u32();
  const out = writeU32(count);
  for (let i = 0; i < count; i++) {
    const from = r.pos;
    const flags = r.u32();
    if (flags === 2) r.u32(); // memory index
    if (flags !== 1) r.constExpr();
    out.push(...module.subarray(from, r.pos), 0x00);
    const len = r.u32();
    r.pos += len; // skip the bytes
  }
  if (r.pos !== s.end) throw new Error('malformed data section');
  return out;
}

/**
 * A copy of the component whose top-level core modules are stubs (see `stubCoreModule`),
 * and the original core modules in order. Nested components are kept as they are.
 */
export function slimComponent(bytes: Uint8Array): { slim: Uint8Array; coreModules: Uint8Array[] } {
  if (!isComponent(bytes)) throw new Error('not a WebAssembly component');
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  const coreModules: Uint8Array[] = [];
  for (const s of sections(bytes)) {
    if (s.id !== SECTION.coreModule) {
      parts.push(bytes.subarray(s.header, s.end));
      continue;
    }
    const original = bytes.subarray(s.start, s.end);
    coreModules.push(original);
    const stub = stubCoreModule(original);
    parts.push(Uint8Array.from([SECTION.coreModule, ...writeU32(stub.length)]), stub);
  }
  return { slim: concat(parts), coreModules };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
