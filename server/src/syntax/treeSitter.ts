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

function wasmPath(name: GrammarName): string {
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
  initialized ??= Parser.init();
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
