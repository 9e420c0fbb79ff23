import type { Parser, Tree } from 'web-tree-sitter';
import { createParser } from './treeSitter';

/** A parser for `.hie` text; reuse one per document for incremental parsing. */
export class HieParser {
  private constructor(private readonly parser: Parser) {}

  static async create(): Promise<HieParser> {
    return new HieParser(await createParser('hielements'));
  }

  /** Parse `text`; pass the edited previous tree to reuse its unchanged parts. */
  parse(text: string, previous?: Tree): Tree {
    const tree = this.parser.parse(text, previous ?? null);
    if (!tree) throw new Error('tree-sitter returned no tree');
    return tree;
  }
}
