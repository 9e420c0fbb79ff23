import type { Language, Node } from 'web-tree-sitter';
import type { LineIndex } from '../syntax/lineIndex';
import type { Span } from '../syntax/span';

/**
 * What the model builder reads of a node, with as few calls into the parser as it can. Every
 * getter of a web-tree-sitter node except `startIndex`/`startPosition` is a call into wasm, and
 * `text` or `endPosition` cost as much as another one each; the builder reads tens of thousands
 * of nodes of a large file. Here a span costs one call (the end index): the end point comes from
 * the line index — tree-sitter starts a row after each `\n` and web-tree-sitter counts columns in
 * UTF-16 units, exactly as `LineIndex` does — and a node's text is a slice of the document text
 * the tree was parsed from.
 */
export class NodeReader {
  constructor(
    private readonly source: string,
    private readonly lines: LineIndex,
  ) {}

  span(node: Node): Span {
    const start = node.startPosition;
    const startIndex = node.startIndex;
    const endIndex = node.endIndex;
    // most nodes end on the row they start on
    const end = endIndex < this.lines.rowStart(start.row + 1) || start.row + 1 >= this.lines.lineCount
      ? { row: start.row, column: start.column + (endIndex - startIndex) }
      : this.lines.pointAt(endIndex);
    return { start: { row: start.row, column: start.column }, end, startIndex, endIndex };
  }

  /** The text a span covers. */
  text(span: Span): string {
    return this.source.slice(span.startIndex, span.endIndex);
  }
}

/** A node with its type, read once. */
export interface Typed {
  node: Node;
  type: string;
}

const namedTypes = new WeakMap<Language, boolean[]>();

/**
 * Whether a node type id is that of a named node (`Node.isNamed` is the same property of the
 * node's type, aliases included, asked of the parser on every read): one call per type and language.
 */
function isNamedType(language: Language, typeId: number): boolean {
  let table = namedTypes.get(language);
  if (!table) namedTypes.set(language, (table = []));
  return (table[typeId] ??= language.nodeTypeIsNamed(typeId));
}

/** A node's children with their types, and whether each is named (one call per child). */
export function typedChildren(node: Node): (Typed & { named: boolean })[] {
  const language = node.tree.language;
  const out: (Typed & { named: boolean })[] = [];
  for (const child of node.children) {
    if (!child) continue;
    const id = child.typeId;
    out.push({ node: child, type: language.types[id] || 'ERROR', named: isNamedType(language, id) });
  }
  return out;
}

/** A node's named children with their types. */
export function typedNamedChildren(node: Node): Typed[] {
  const out: Typed[] = [];
  for (const child of node.namedChildren) if (child) out.push({ node: child, type: child.type });
  return out;
}
