import { promises as fsp } from 'node:fs';
/** Reading and rewriting the few parts of a wasm binary the host cares about. */

export type WasmFormat = 'component' | 'core';

const MAGIC = [0x00, 0x61, 0x73, 0x6d];

/** Tell the two formats apart by bytes 4–7 (wasm-plugins.md §2); throws on anything else. */
export function detectFormat(bytes: Uint8Array): WasmFormat {
  if (bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) throw new Error('not a WebAssembly file (bad magic number)');
  const v = Array.from(bytes.subarray(4, 8)).join(',');
  if (v === '1,0,0,0') return 'core';
  if (v === '13,0,1,0') return 'component';
  throw new Error(`unsupported WebAssembly version/layer bytes ${Array.from(bytes.subarray(4, 8), (b) => b.toString(16).padStart(2, '0')).join(' ')}`);
}

export function readU32(bytes: Uint8Array, pos: number): [value: number, next: number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (pos >= bytes.length) throw new Error('truncated LEB128');
    const b = bytes[pos++];
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [result, pos];
    shift += 7;
    if (shift > 35) throw new Error('LEB128 too long');
  }
}

export function writeU32(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

const PAGE = 65536;
const MEMORY_SECTION = 5;

/**
 * Rewrite every memory the module defines so its maximum is at most `maxPages`
 * (worker `resourceLimits` do not cover wasm memory). Throws when a memory's initial
 * size already exceeds the cap, or for memory64/shared memories (not supported).
 */
export function capMemory(bytes: Uint8Array, maxPages: number): Uint8Array {
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  let pos = 8;
  while (pos < bytes.length) {
    const id = bytes[pos];
    const [size, bodyStart] = readU32(bytes, pos + 1);
    const end = bodyStart + size;
    if (end > bytes.length) throw new Error('truncated section');
    if (id !== MEMORY_SECTION) {
      parts.push(bytes.subarray(pos, end));
    } else {
      let p = bodyStart;
      const [count, afterCount] = readU32(bytes, p);
      p = afterCount;
      const body: number[] = writeU32(count);
      for (let i = 0; i < count; i++) {
        const flags = bytes[p++];
        if (flags !== 0 && flags !== 1) throw new Error(`unsupported memory kind (flags ${flags}): only 32-bit unshared memories`);
        const [min, afterMin] = readU32(bytes, p);
        p = afterMin;
        let max = maxPages;
        if (flags === 1) {
          const [declared, afterMax] = readU32(bytes, p);
          p = afterMax;
          max = Math.min(declared, maxPages);
        }
        if (min > maxPages) throw new Error(`initial memory ${(min * PAGE) / 2 ** 20} MiB exceeds limits.memory_mb ${(maxPages * PAGE) / 2 ** 20}`);
        body.push(0x01, ...writeU32(min), ...writeU32(max));
      }
      if (p !== end) throw new Error('malformed memory section');
      parts.push(Uint8Array.from([MEMORY_SECTION, ...writeU32(body.length), ...body]));
    }
    pos = end;
  }
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * `capMemory(readFile(file), maxPages)` without holding the module twice: the bytes before
 * the memory section are read and rewritten, and the rest of the file is read straight into
 * the final buffer (a JS engine's 14 MB module is otherwise copied once more, for nothing).
 * Reads happen off the calling thread.
 */
export async function readCapped(file: string, maxPages: number): Promise<Uint8Array> {
  const handle = await fsp.open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    const readAt = async (buf: Uint8Array, offset: number, length: number, position: number) => {
      for (let done = 0; done < length; ) {
        const { bytesRead } = await handle.read(buf, offset + done, length - done, position + done);
        if (bytesRead === 0) throw new Error('the module file shrank while it was read');
        done += bytesRead;
      }
    };
    const head = new Uint8Array(Math.min(size, 1 << 20));
    await readAt(head, 0, head.length, 0);
    let pos = 8;
    while (pos < head.length) {
      const id = head[pos];
      let sectionEnd: number;
      try {
        const [len, start] = readU32(head, pos + 1);
        sectionEnd = start + len;
      } catch {
        break;
      }
      if (sectionEnd > head.length) break;
      if (id === MEMORY_SECTION) {
        // rewrite the sections up to and including this one; copy the rest in place
        const capped = capMemory(head.subarray(0, sectionEnd), maxPages);
        const out = new Uint8Array(capped.length + (size - sectionEnd));
        out.set(capped, 0);
        await readAt(out, capped.length, size - sectionEnd, sectionEnd);
        return out;
      }
      if (id > MEMORY_SECTION && id !== 12 && id !== 0) break; // past where a memory section can be
      pos = sectionEnd;
    }
    // no memory section early in the file (imported memory, huge sections): the plain way
    const all = new Uint8Array(size);
    await readAt(all, 0, size, 0);
    return capMemory(all, maxPages);
  } finally {
    await handle.close();
  }
}

export const pagesForMb = (mb: number): number => Math.max(1, Math.floor((mb * 2 ** 20) / PAGE));
