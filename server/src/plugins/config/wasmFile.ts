import { promises as fs } from 'node:fs';

export type WasmFileProblem = { kind: 'missing' } | { kind: 'notFile' } | { kind: 'notWasm' } | { kind: 'unreadable'; message: string };

const MAGIC = Buffer.from([0x00, 0x61, 0x73, 0x6d]); // "\0asm"

/** Checks that `file` exists and starts with the WebAssembly magic (module or component). */
export async function checkWasmFile(file: string): Promise<WasmFileProblem | undefined> {
  let handle: fs.FileHandle | undefined;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return { kind: 'notFile' };
    handle = await fs.open(file, 'r');
    const buf = Buffer.alloc(4);
    const { bytesRead } = await handle.read(buf, 0, 4, 0);
    return bytesRead === 4 && buf.equals(MAGIC) ? undefined : { kind: 'notWasm' };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return { kind: 'missing' };
    return { kind: 'unreadable', message: err.message };
  } finally {
    await handle?.close();
  }
}
