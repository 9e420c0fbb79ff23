import * as path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';

/**
 * Loads web-tree-sitter once per process and the three grammars we use:
 * our own `.hie` grammar (server/grammar) and the Rust/Python grammars shipped as
 * `.wasm` files by the tree-sitter-rust@0.24.0 / tree-sitter-python@0.25.0 packages.
 */
export type GrammarName = 'hielements' | 'rust' | 'python';

let initialized: Promise<void> | undefined;
const languages = new Map<GrammarName, Promise<Language>>();

/**
 * Folder holding every .wasm file (web-tree-sitter.wasm and tree-sitter-<name>.wasm) when the server runs
 * bundled (the VS Code extension sets it to its dist/ folder); unset = resolve them from the packages.
 */
export const WASM_DIR_ENV = 'HIELEMENTS_WASM_DIR';

function wasmDir(): string | undefined {
  return process.env[WASM_DIR_ENV] || undefined;
}

function wasmPath(name: GrammarName): string {
  const dir = wasmDir();
  if (dir) return path.join(dir, `tree-sitter-${name}.wasm`);
  switch (name) {
    case 'hielements':
      // out/src/syntax → server/grammar
      return path.resolve(__dirname, '..', '..', '..', 'grammar', 'tree-sitter-hielements.wasm');
    case 'rust':
      return require.resolve('tree-sitter-rust/tree-sitter-rust.wasm');
    case 'python':
      return require.resolve('tree-sitter-python/tree-sitter-python.wasm');
  }
}

export function initTreeSitter(): Promise<void> {
  const dir = wasmDir();
  initialized ??= Parser.init(dir ? { locateFile: (file: string) => path.join(dir, file) } : undefined);
  return initialized;
}

export async function loadLanguage(name: GrammarName): Promise<Language> {
  await initTreeSitter();
  let lang = languages.get(name);
  if (!lang) {
    lang = Language.load(wasmPath(name));
    languages.set(name, lang);
  }
  return lang;
}

/** A fresh parser for one grammar (parsers are cheap; keep one per document or per library). */
export async function createParser(name: GrammarName): Promise<Parser> {
  const language = await loadLanguage(name);
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}
