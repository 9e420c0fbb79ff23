import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import { assetPath, ASSET_ROOT, BUNDLED } from '../runtime/assets';

/**
 * Loads web-tree-sitter once per process, and each grammar the first time it is needed:
 * our own `.hie` grammar (server/grammar), and the Rust/Python grammars shipped as `.wasm`
 * files by the tree-sitter-rust@0.24.0 / tree-sitter-python@0.25.0 packages (loaded only
 * when a check reads Rust or Python code). Importing this module does no work.
 */
export type GrammarName = 'hielements' | 'rust' | 'python';

let initialized: Promise<void> | undefined;
const languages = new Map<GrammarName, Promise<Language>>();

/**
 * Folder holding every .wasm file (web-tree-sitter.wasm and tree-sitter-<name>.wasm) side by side,
 * overriding where they are found (the VS Code extension sets it to its dist/ folder).
 */
export const WASM_DIR_ENV = 'HIELEMENTS_WASM_DIR';

/** Where the .wasm files of the npm packages are: the override, the bundle's folder, or (undefined) the packages. */
function wasmDir(): string | undefined {
  return process.env[WASM_DIR_ENV] || (BUNDLED ? ASSET_ROOT : undefined);
}

function wasmPath(name: GrammarName): string {
  const override = process.env[WASM_DIR_ENV];
  if (override) return path.join(override, `tree-sitter-${name}.wasm`);
  if (name === 'hielements') return assetPath('grammar', 'tree-sitter-hielements.wasm');
  const dir = wasmDir();
  if (dir) return path.join(dir, `tree-sitter-${name}.wasm`);
  return name === 'rust' ? require.resolve('tree-sitter-rust/tree-sitter-rust.wasm') : require.resolve('tree-sitter-python/tree-sitter-python.wasm');
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
    // bytes, not a path: web-tree-sitter would `import('fs/promises')`, starting Node's ESM loader (cold start)
    const file = wasmPath(name);
    lang = Promise.resolve().then(() => Language.load(readFileSync(file)));
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
