import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Corpus } from './corpora';

/**
 * Names found in a corpus with regular expressions (the way the reference reads code), so
 * the generated checks do not depend on the parser they exercise. A name found in a comment
 * or a `macro_rules!` template is harvested too: such checks may fail, which is the point of
 * comparing answers; they must never be errors.
 */
export interface SourceFile {
  rel: string;
  stem: string;
  text: string;
}

const SKIPPED_DIRS = new Set(['target', '.git', 'node_modules', '__pycache__', 'vendor']);

/** The corpus's `.rs` or `.py` files, sorted by relative path. */
export function readSources(c: Corpus): SourceFile[] {
  const ext = c.language === 'rust' ? '.rs' : '.py';
  const out: SourceFile[] = [];
  const visit = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory() && !SKIPPED_DIRS.has(e.name)) visit(abs);
      else if (e.isFile() && e.name.endsWith(ext)) {
        out.push({ rel: path.relative(c.root, abs), stem: e.name.slice(0, -ext.length), text: readFileSync(abs, 'utf8') });
      }
    }
  };
  visit(c.root);
  return out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

/** Distinct first groups of `re` over `texts`, sorted. */
export function matches(texts: string[], re: RegExp, group = 1): string[] {
  const found = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(re)) if (m[group]) found.add(m[group]);
  return [...found].sort();
}

/** Up to `n` items spread evenly over `list` (deterministic). */
export function spread<T>(list: readonly T[], n: number): T[] {
  if (list.length <= n) return [...list];
  return Array.from({ length: n }, (_, i) => list[Math.floor((i * list.length) / n)]);
}

/** Near misses of real names: a prefix (`Toke` for `Token`) and an extension (`TokenEx`). */
export function nearMisses(names: readonly string[], n: number): string[] {
  const out = new Set<string>();
  for (const name of spread(names, n)) {
    if (name.length >= 3) out.add(name.slice(0, -1));
    out.add(name + 'Ex');
  }
  for (const name of names) out.delete(name);
  return [...out];
}

const IDENT = '[A-Za-z_][A-Za-z0-9_]*';

export const rustPatterns = {
  struct: new RegExp(`\\bstruct\\s+(${IDENT})`, 'g'),
  enum: new RegExp(`\\benum\\s+(${IDENT})`, 'g'),
  fn: new RegExp(`\\bfn\\s+(${IDENT})`, 'g'),
  trait: new RegExp(`\\btrait\\s+(${IDENT})`, 'g'),
  /** `impl<..> Trait for Type` / `impl Type`: group 1 the trait path (if any), group 2 the type. */
  impl: new RegExp(`\\bimpl\\b(?:\\s*<[^{;>]*>)?\\s+(?:(${IDENT}(?:::${IDENT})*)(?:<[^{;]*?>)?\\s+for\\s+)?(?:${IDENT}::)*(${IDENT})`, 'g'),
  derive: /#\[derive\(([^)\]]*)\)/g,
  use: new RegExp(`\\buse\\s+(${IDENT}(?:::${IDENT})?)`, 'g'),
};

/** `[package] name` of a Cargo.toml (the first `name = "…"` after `[package]`). */
export function packageName(manifest: string): string | undefined {
  const pkg = manifest.indexOf('[package]');
  if (pkg < 0) return undefined;
  return /^\s*name\s*=\s*"([^"]+)"/m.exec(manifest.slice(pkg))?.[1];
}

const PY_KEYWORDS = new Set(['if', 'elif', 'while', 'for', 'return', 'and', 'or', 'not', 'in', 'is', 'def', 'class', 'with', 'assert', 'del', 'print', 'lambda', 'yield', 'await', 'except', 'raise', 'import', 'from', 'as', 'else', 'try', 'pass']);

export const pythonPatterns = {
  def: new RegExp(`\\bdef\\s+(${IDENT})`, 'g'),
  class: new RegExp(`\\bclass\\s+(${IDENT})`, 'g'),
  /** `import a.b` (group 1) and `from a.b import x` (group 2, names in group 3). */
  import: new RegExp(`^[ \\t]*(?:import\\s+(${IDENT}(?:\\.${IDENT})*)|from\\s+(\\.*(?:${IDENT}(?:\\.${IDENT})*)?)\\s+import\\s+\\(?\\s*(${IDENT}))`, 'gm'),
  /** A one-line signature with a return annotation: group 1 the name, group 2 the annotation. */
  returns: new RegExp(`\\bdef\\s+(${IDENT})\\s*\\([^)\\n]*\\)\\s*->\\s*([^:\\n]+):`, 'g'),
  call: new RegExp(`(?<![.\\w])(${IDENT})\\s*\\(`, 'g'),
  methodCall: new RegExp(`\\b(${IDENT})\\.(${IDENT})\\s*\\(`, 'g'),
};

export const notKeyword = (name: string): boolean => !PY_KEYWORDS.has(name);
