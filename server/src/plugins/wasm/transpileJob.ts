import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { worldItems, type Meta } from './componentCache';

/**
 * Worker entry: transpile one component with jco-transpile into its cache folder
 * (`{ bytes, dir }` in, `{ meta }` or `{ error }` out).
 */

export async function transpileInto(bytes: Uint8Array, dir: string): Promise<Meta> {
  const { transpileBytes } = await import('@bytecodealliance/jco-transpile');
  const { componentWit } = await import('@bytecodealliance/jco-transpile/wasm-tools');
  const declared = worldItems(await componentWit(bytes));
  const out = await transpileBytes(bytes, { name: 'plugin', instantiation: 'async' });
  const meta: Meta = { declared, bindings: out.imports };
  // Write into a private folder, then rename: a concurrent loader never sees a half-written entry.
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  for (const [name, data] of Object.entries(out.files)) {
    const file = path.join(tmp, name);
    await fsp.mkdir(path.dirname(file), { recursive: true });
    await fsp.writeFile(file, data);
  }
  await fsp.writeFile(path.join(tmp, 'package.json'), '{"type":"module"}\n');
  await fsp.writeFile(path.join(tmp, 'meta.json'), JSON.stringify(meta));
  try {
    await fsp.rename(tmp, dir);
  } catch {
    // Someone else finished first: keep theirs.
    await fsp.rm(tmp, { recursive: true, force: true });
  }
  return meta;
}

if (parentPort && workerData && (workerData as { dir?: unknown }).dir) {
  const { bytes, dir } = workerData as { bytes: Uint8Array; dir: string };
  transpileInto(bytes, dir).then(
    (meta) => parentPort!.postMessage({ meta }),
    (e: unknown) => parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) }),
  );
}
