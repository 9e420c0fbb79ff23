import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { LIBRARY_EXPORT } from './importPolicy';

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

/** Version of our edits to jco's glue (transpileJob.ts `patchGlue`): entries with another are transpiled again. */
export const GLUE_REVISION = 3;

export interface Meta {
  glue: number;
  /** The glue is also there as a script (`glue.js`, glueScript.ts), which can use V8's code cache. */
  script: boolean;
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


/** The component file at `file`, transpiled (from the cache when its content was seen before). */
export async function prepareComponent(file: string, cacheDir = defaultCacheDir()): Promise<PreparedComponent> {
  await safeCacheDir(cacheDir);
  const stamp = await fileStamp(file);
  const known = await knownDigest(cacheDir, file, stamp);
  let meta = known ? await readMeta(path.join(cacheDir, known, 'meta.json')) : undefined;
  let dir = known ? path.join(cacheDir, known) : '';
  if (!meta) {
    const bytes = await fsp.readFile(file);
    const sha = createHash('sha256').update(bytes).digest('hex');
    dir = path.join(cacheDir, sha);
    meta = await readMeta(path.join(dir, 'meta.json'));
    if (!meta) {
      // Absent, or left by another version of this code: start over.
      await fsp.rm(dir, { recursive: true, force: true });
      meta = await transpileInWorker(bytes, dir);
    }
    await rememberDigest(cacheDir, file, stamp, sha);
  }
  return { dir, imports: meta.declared.imports, exportsLibrary: meta.declared.exports.some((name) => LIBRARY_EXPORT.test(name)) };
}

/**
 * Reading and hashing a JS component (14 MB) costs more than the rest of a warm load, so the
 * digest of each file is remembered with its stat: device, inode, size, mtime and ctime (the
 * last cannot be set back by a user), all in nanoseconds. Any write to the file changes it.
 */
async function fileStamp(file: string): Promise<string> {
  const st = await fsp.stat(file, { bigint: true });
  return [st.dev, st.ino, st.size, st.mtimeNs, st.ctimeNs].join(':');
}

const stampFile = (cacheDir: string, file: string) => path.join(cacheDir, 'files', `${createHash('sha256').update(path.resolve(file)).digest('hex')}.json`);

async function knownDigest(cacheDir: string, file: string, stamp: string): Promise<string | undefined> {
  try {
    const j = JSON.parse(await fsp.readFile(stampFile(cacheDir, file), 'utf8')) as { stamp?: unknown; sha?: unknown };
    return j.stamp === stamp && typeof j.sha === 'string' && /^[0-9a-f]{64}$/.test(j.sha) ? j.sha : undefined;
  } catch {
    return undefined;
  }
}

async function rememberDigest(cacheDir: string, file: string, stamp: string, sha: string): Promise<void> {
  const target = stampFile(cacheDir, file);
  try {
    await fsp.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const tmp = `${target}.${process.pid}.tmp`;
    await fsp.writeFile(tmp, JSON.stringify({ stamp, sha }));
    await fsp.rename(tmp, target);
  } catch {
    /* only an optimisation */
  }
}

async function readMeta(file: string): Promise<Meta | undefined> {
  try {
    const m = JSON.parse(await fsp.readFile(file, 'utf8')) as Partial<Meta>;
    const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
    if (m.glue === GLUE_REVISION && typeof m.script === 'boolean' && m.declared && strings(m.declared.imports) && strings(m.declared.exports) && strings(m.bindings)) return m as Meta;
  } catch {
    /* absent or unreadable */
  }
  return undefined;
}

/** Transpiling takes seconds of CPU: do it in a worker so the language server stays responsive. */
function transpileInWorker(bytes: Uint8Array, dir: string): Promise<Meta> {
  return new Promise<Meta>((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'transpileJob.js'), { workerData: { bytes, dir }, stdout: true, stderr: true });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`transpiling took longer than ${TRANSPILE_TIMEOUT_MS / 1000} s`));
    }, TRANSPILE_TIMEOUT_MS);
    worker.once('message', (m: { meta?: Meta; error?: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      if (m.meta) resolve(m.meta);
      else reject(new Error(m.error ?? 'transpiling failed'));
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

const TRANSPILE_TIMEOUT_MS = 120_000;
