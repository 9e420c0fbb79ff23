import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { GLUE_REVISION, worldItems, type Meta } from './componentCache';
import { componentItems, slimComponent } from './componentBinary';
import { GLUE_SCRIPT, glueAsScript } from './glueScript';

/**
 * Worker entry: transpile one component with jco-transpile into its cache folder
 * (`{ bytes, dir }` in, `{ meta }` or `{ error }` out).
 *
 * jco writes its glue from the component's structure and copies the core modules out
 * verbatim, so it is given a copy whose function bodies are stubs (a JS component's 14 MB
 * engine would otherwise cost it seconds to parse and validate); the real core modules
 * are then written in place of the stubs. Should the output not have the expected shape,
 * the whole component is transpiled instead.
 */

type Transpiled = { files: Record<string, Uint8Array>; imports: string[] };

/** jco's names for the core modules, in order: `plugin.core.wasm`, `plugin.core2.wasm`, … */
const coreFile = (i: number) => (i === 0 ? 'plugin.core.wasm' : `plugin.core${i + 1}.wasm`);

const OPTIONS = { name: 'plugin', instantiation: 'async', noTypescript: true } as const;

async function transpileFast(bytes: Uint8Array): Promise<{ out: Transpiled; declared: Meta['declared'] } | undefined> {
  const { transpileBytes } = await import('@bytecodealliance/jco-transpile');
  let slim: ReturnType<typeof slimComponent>;
  let declared: Meta['declared'];
  try {
    slim = slimComponent(bytes);
    declared = componentItems(bytes);
  } catch {
    return undefined;
  }
  const out = (await transpileBytes(slim.slim, OPTIONS)) as Transpiled;
  const cores = Object.keys(out.files).filter((f) => /^plugin\.core\d*\.wasm$/.test(f));
  if (cores.length !== slim.coreModules.length || !slim.coreModules.every((_, i) => coreFile(i) in out.files)) return undefined;
  slim.coreModules.forEach((m, i) => (out.files[coreFile(i)] = m));
  return { out, declared };
}

async function transpileFull(bytes: Uint8Array): Promise<{ out: Transpiled; declared: Meta['declared'] }> {
  const { transpileBytes } = await import('@bytecodealliance/jco-transpile');
  const { componentWit } = await import('@bytecodealliance/jco-transpile/wasm-tools');
  const declared = worldItems(await componentWit(bytes));
  return { out: (await transpileBytes(bytes, OPTIONS)) as Transpiled, declared };
}

/**
 * Two edits to jco's glue, neither changing what it does:
 * - it asks `process.env` for JCO_DEBUG on every call; the plugin worker never sets it;
 * - it feature-tests JSPI by calling `WebAssembly.promising(…)` inside try/catch, which Node 20
 *   lacks. The resulting "is not a function" TypeError is rendered by V8 re-parsing the whole
 *   enclosing function — jco's instantiation generator, ~600 KB for a JS component — at
 *   ~14 ms per call, six calls per instantiation. A helper throws the same TypeError type
 *   without that rendering, and calls the real function where it exists.
 */
export function patchGlue(js: Uint8Array): Uint8Array {
  let text = Buffer.from(js).toString('utf8').split('globalThis?.process?.env?.JCO_DEBUG').join('false');
  if (text.includes('WebAssembly.promising(')) {
    // appended (function declarations are hoisted) so that line numbers stay jco's
    text = text.split('WebAssembly.promising(').join(`${PROMISING}(`) + PROMISING_HELPER;
  }
  return Buffer.from(text, 'utf8');
}

const PROMISING = '__hielementsPromising';
const PROMISING_HELPER = `
function ${PROMISING}(f) {
  if (typeof WebAssembly.promising === 'function') return WebAssembly.promising(f);
  throw new TypeError('WebAssembly.promising is not available');
}
`;

export async function transpileInto(bytes: Uint8Array, dir: string): Promise<Meta> {
  const { out, declared } = (await transpileFast(bytes)) ?? (await transpileFull(bytes));
  let script: string | undefined;
  if (out.files['plugin.js']) {
    out.files['plugin.js'] = patchGlue(out.files['plugin.js']);
    script = glueAsScript(Buffer.from(out.files['plugin.js']).toString('utf8'), path.join(dir, 'plugin.js'));
    if (script !== undefined) out.files[GLUE_SCRIPT] = Buffer.from(script, 'utf8');
  }
  const meta: Meta = { glue: GLUE_REVISION, script: script !== undefined, declared, bindings: out.imports };
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
