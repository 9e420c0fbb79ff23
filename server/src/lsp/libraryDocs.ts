import type { FunctionDoc, Library, LibraryDoc, LibraryRegistry } from '../libraries/library';

/** How long a hover or completion waits for a plugin's documentation. */
const DOC_TIMEOUT_MS = 2000;

const cache = new WeakMap<Library, Promise<LibraryDoc | undefined>>();
const resolved = new WeakMap<Library, LibraryDoc>();
const listeners = new Set<(lib: Library) => void>();

/** A library's documentation, cached per library object; a plugin that fails or hangs has none. */
export function libraryDoc(lib: Library): Promise<LibraryDoc | undefined> {
  let doc = cache.get(lib);
  if (!doc) {
    doc = withTimeout(lib.doc(), DOC_TIMEOUT_MS).catch(() => undefined);
    cache.set(lib, doc);
    // a failure is not remembered forever: the plugin may be fixed and restarted
    void doc.then((d) => {
      if (!d) return cache.delete(lib);
      resolved.set(lib, d);
      for (const listener of listeners) listener(lib);
    });
  }
  return doc;
}

/** The documentation of a library, if some feature already received it (never asks). */
export const documentationSoFar = (lib: Library): LibraryDoc | undefined => resolved.get(lib);

/** Called each time a library's documentation arrives. */
export function onDocumentation(listener: (lib: Library) => void): { dispose(): void } {
  listeners.add(listener);
  return { dispose: () => listeners.delete(listener) };
}

export async function allDocs(registry: LibraryRegistry): Promise<{ lib: Library; doc: LibraryDoc | undefined }[]> {
  return Promise.all(registry.all().map(async (lib) => ({ lib, doc: await libraryDoc(lib) })));
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** `lib.fn(p: T, …) -> R` */
export function signature(library: string, fn: FunctionDoc): string {
  const params = fn.parameters.map((p) => `${p.name}: ${p.param_type}`).join(', ');
  return `${library}.${fn.name}(${params})${fn.return_type ? ` -> ${fn.return_type}` : ''}`;
}

/** A function by name, preferring the checks table for a `check` and selectors otherwise. */
export function findFunction(doc: LibraryDoc, name: string, isCheck: boolean): FunctionDoc | undefined {
  const [first, second] = isCheck ? [doc.checks, doc.functions] : [doc.functions, doc.checks];
  return first.find((f) => f.name === name) ?? second.find((f) => f.name === name);
}

/** Markdown for a function: signature, description, parameters, example. */
export function functionMarkdown(library: string, fn: FunctionDoc): string {
  const parts = ['```hielements', signature(library, fn), '```'];
  if (fn.description) parts.push('', fn.description);
  if (fn.parameters.length > 0) {
    parts.push('', '**Parameters**', '');
    for (const p of fn.parameters) parts.push(`- \`${p.name}\`: \`${p.param_type}\`${p.description ? ` — ${p.description}` : ''}`);
  }
  if (fn.example) parts.push('', '**Example**', '', '```hielements', fn.example, '```');
  return parts.join('\n');
}

export function libraryMarkdown(lib: Library, doc: LibraryDoc | undefined): string {
  const parts = [`**library \`${lib.name}\`** (${lib.kind}${doc?.version ? `, version ${doc.version}` : ''})`];
  if (!doc) return [...parts, '', '_No documentation available._'].join('\n');
  if (doc.description) parts.push('', doc.description);
  if (doc.functions.length > 0) parts.push('', '**Selectors**', '', ...doc.functions.map((f) => `- \`${signature(lib.name, f)}\``));
  if (doc.checks.length > 0) parts.push('', '**Checks**', '', ...doc.checks.map((f) => `- \`${signature(lib.name, f)}\``));
  return parts.join('\n');
}
