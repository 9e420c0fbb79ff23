import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Components are transpiled to JS + core modules by jco-transpile (seconds for a JS
 * component), once per distinct wasm: the output is cached on disk under its sha256.
 * The transpiled JS is used in "instantiation" mode only: it receives every import from
 * us, and never touches the stock preview2-shim. The cache folder is owner-only, since
 * its JS runs in the plugin's worker.
 */

export interface PreparedComponent {
  /** Folder holding `plugin.js` and its core modules. */
  dir: string;
  /** Every import the component declares, with its version (e.g. `wasi:filesystem/types@0.2.3`), used or not. */
  imports: string[];
  exportsLibrary: boolean;
}

interface Meta {
  /** Declared imports/exports of the component's world (from its WIT). */
  declared: { imports: string[]; exports: string[] };
  /** Import specifiers the transpiled JS looks up (jco drops versions and unused imports). */
  bindings: string[];
}

/** `import x;` / `export y;` lines of the component's own world (`world root { … }`). */
export function worldItems(wit: string): { imports: string[]; exports: string[] } {
  const start = wit.search(/^world [^\s]+ \{$/m);
  const items = { imports: [] as string[], exports: [] as string[] };
  if (start < 0) return items;
  for (const line of wit.slice(start).split('\n').slice(1)) {
    if (line.startsWith('}')) break;
    const m = /^ {2}(import|export) ([^\s;{]+?)(?:;|:\s|\s*\{)/.exec(line);
    if (m) (m[1] === 'import' ? items.imports : items.exports).push(m[2]);
  }
  return items;
}

/** Per user: the cached JS is executed, so nobody else may be able to write it. */
export const defaultCacheDir = (): string => path.join(os.tmpdir(), `hielements-jco-cache-${process.getuid?.() ?? 'user'}`);

/** Create the cache folder owner-only, and refuse one that another user owns or can write. */
async function safeCacheDir(dir: string): Promise<void> {
  await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  const st = await fsp.lstat(dir);
  const uid = process.getuid?.();
  if (!st.isDirectory() || (uid !== undefined && st.uid !== uid) || (st.mode & 0o022) !== 0) {
    throw new Error(`unsafe component cache folder ${dir}: it must be a directory owned by this user and writable only by it`);
  }
}

const LIBRARY_EXPORT = /^hielements:plugin\/library@0\.1\.\d+$/;

export async function prepareComponent(bytes: Uint8Array, cacheDir = defaultCacheDir()): Promise<PreparedComponent> {
  await safeCacheDir(cacheDir);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const dir = path.join(cacheDir, sha);
  const metaFile = path.join(dir, 'meta.json');
  let meta: Meta;
  try {
    meta = JSON.parse(await fsp.readFile(metaFile, 'utf8')) as Meta;
  } catch {
    meta = await transpileInto(bytes, dir);
  }
  return { dir, imports: meta.declared.imports, exportsLibrary: meta.declared.exports.some((name) => LIBRARY_EXPORT.test(name)) };
}

async function transpileInto(bytes: Uint8Array, dir: string): Promise<Meta> {
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
