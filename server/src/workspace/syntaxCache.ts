import type { Parser, Tree } from 'web-tree-sitter';
import { createParser } from '../syntax/treeSitter';

export type SourceLanguage = 'rust' | 'python';

interface CachedTree {
  /** The exact text the tree was parsed from (a changed file gets a new string from the index). */
  text: string;
  tree: Tree;
}

/** Trees kept alive at once; facts extracted from them are cached elsewhere, trees are big. */
const DEFAULT_CAPACITY = 48;

/**
 * Parsed tree-sitter trees of Rust/Python files, keyed by path and validated against the
 * text they were parsed from (the index hands out a new string whenever the file's mtime
 * changed and it was invalidated). Least recently used trees are deleted so memory stays
 * bounded: a 5,000-file workspace would otherwise keep hundreds of MB of wasm memory alive.
 */
export class SyntaxCache {
  private readonly trees = new Map<string, CachedTree>();
  private readonly parsers = new Map<SourceLanguage, Promise<Parser>>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /**
   * Run `use` on the tree of `text`. The tree is only valid during the (synchronous) call:
   * it may be deleted when later parses evict it.
   */
  async withTree<R>(language: SourceLanguage, file: string, text: string, use: (tree: Tree) => R): Promise<R> {
    const key = language + '\0' + file;
    const hit = this.trees.get(key);
    if (hit && hit.text === text) {
      this.trees.delete(key);
      this.trees.set(key, hit); // most recently used last
      return use(hit.tree);
    }
    const parser = await this.parser(language);
    const again = this.trees.get(key); // another call may have parsed it while we waited
    if (again && again.text === text) return use(again.tree);
    const tree = parser.parse(text);
    if (!tree) throw new Error(`tree-sitter could not parse ${file}`);
    this.store(key, { text, tree });
    return use(tree);
  }

  /** Forget one file (all languages). */
  invalidate(file: string): void {
    for (const language of ['rust', 'python'] as const) {
      const key = language + '\0' + file;
      this.trees.get(key)?.tree.delete();
      this.trees.delete(key);
    }
  }

  clear(): void {
    for (const entry of this.trees.values()) entry.tree.delete();
    this.trees.clear();
  }

  get size(): number {
    return this.trees.size;
  }

  private store(key: string, entry: CachedTree): void {
    this.trees.get(key)?.tree.delete();
    this.trees.delete(key);
    this.trees.set(key, entry);
    while (this.trees.size > this.capacity) {
      const oldest = this.trees.keys().next().value as string;
      this.trees.get(oldest)?.tree.delete();
      this.trees.delete(oldest);
    }
  }

  private parser(language: SourceLanguage): Promise<Parser> {
    let parser = this.parsers.get(language);
    if (!parser) {
      parser = createParser(language);
      this.parsers.set(language, parser);
    }
    return parser;
  }
}
