import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vm from 'node:vm';

/**
 * jco's glue for a JS component is ~800 KB of JavaScript; compiling it cost each warm run
 * ~45 ms at import and more as its functions first ran. Node 20 keeps no compile cache for ES
 * modules, but a `vm.Script` takes V8's code cache. So the transpiler also writes the glue as a
 * script (`glue.js`, the module body wrapped in a function that returns `instantiate`) when
 * it has the expected shape — its only exports are `instantiate` and `_util`, it imports
 * nothing — and the worker keeps V8's code cache for it next to it (`glue.cache`, in the same
 * owner-only folder as the JS it belongs to). V8 rejects a cache made by another V8 or other
 * flags; it is then made again.
 */

export const GLUE_SCRIPT = 'glue.js';
const GLUE_CACHE = 'glue.cache';

/** The module text as a script evaluating to a function that returns `instantiate`; undefined when the shape is not the expected one. */
export function glueAsScript(esm: string, moduleFile: string): string | undefined {
  const lines = esm.split('\n');
  const exported = lines.filter((l) => /^export\b/.test(l));
  if (lines.some((l) => /^import\b/.test(l))) return undefined;
  if (exported.length !== 2 || !exported[0].startsWith('export function instantiate(') || !exported[1].startsWith('export const _util = ')) return undefined;
  const body = lines
    .map((l) => (l.startsWith('export function instantiate(') ? l.slice('export '.length) : l.startsWith('export const _util = ') ? l.slice('export '.length) : l))
    .join('\n')
    // only in jco's fallback for a missing getCoreModule (never taken: the worker passes one)
    .split('import.meta.url')
    .join(JSON.stringify(pathToFileURL(moduleFile).href));
  if (body.includes('import.meta')) return undefined;
  // on the first line, so that line numbers stay the module's
  return `(function () { 'use strict'; ${body}\nreturn instantiate;\n})`;
}

export interface LoadedGlue<T> {
  instantiate: T;
  /** Write V8's code cache for the glue when there was none (or V8 refused it); call once its functions have run. */
  saveCodeCache(): Promise<void>;
}

/** The glue of the component in `dir`: the script with its code cache when there is one, else the ES module. */
export async function loadGlue<T>(dir: string, hasScript: boolean): Promise<LoadedGlue<T>> {
  if (!hasScript) {
    const { instantiate } = (await import(pathToFileURL(path.join(dir, 'plugin.js')).href)) as { instantiate: T };
    return { instantiate, saveCodeCache: async () => undefined };
  }
  const file = path.join(dir, GLUE_SCRIPT);
  const [source, cachedData] = await Promise.all([fsp.readFile(file, 'utf8'), fsp.readFile(path.join(dir, GLUE_CACHE)).catch(() => undefined)]);
  const script = new vm.Script(source, { filename: file, cachedData });
  const instantiate = (script.runInThisContext() as () => T)();
  let saved = cachedData !== undefined && !script.cachedDataRejected;
  return {
    instantiate,
    saveCodeCache: async () => {
      if (saved) return;
      saved = true;
      const tmp = path.join(dir, `${GLUE_CACHE}.${process.pid}.${Date.now()}.tmp`);
      try {
        await fsp.writeFile(tmp, script.createCachedData(), { mode: 0o600 });
        await fsp.rename(tmp, path.join(dir, GLUE_CACHE));
      } catch {
        await fsp.rm(tmp, { force: true }).catch(() => undefined); // only an optimisation
      }
    },
  };
}
