import type { Tree, TreeCursor } from 'web-tree-sitter';

/**
 * Where lines start in the tree and at which depth: the start index of every statement
 * (top-level items, members of a block, connection checks and their bodies) and of every
 * closing `}`, mapped to the number of blocks around it. Only the structural nodes are
 * visited (never the inside of an expression), so this stays cheap on big files.
 */
export function lineDepths(tree: Tree): Map<number, number> {
  const depths = new Map<number, number>();
  const cursor = tree.walk();
  try {
    walk(cursor, 0, depths);
  } finally {
    cursor.delete();
  }
  return depths;
}

const ITEMS = new Set(['import_statement', 'from_import_statement', 'pattern_declaration', 'element_declaration', 'language_declaration']);
const MEMBERS = new Set(['scope_declaration', 'ref_declaration', 'uses_declaration', 'check_declaration', 'binding', 'element_declaration', 'requirement']);
const BLOCKS = new Set(['indent_block', 'brace_block', 'missing_colon_block']);
/** Nodes that own a block (directly or through a requirement element). */
const OWNERS = new Set(['element_declaration', 'pattern_declaration', 'requirement', 'requirement_element']);
/** Statements with lines inside them (the others are one line: nothing to visit). */
const NESTING = new Set([...OWNERS, 'language_declaration', 'connection_check']);

/** `cursor` is on a node whose depth is `depth` (for a block: the depth of its owner). */
function walk(cursor: TreeCursor, depth: number, depths: Map<number, number>): void {
  const type = cursor.nodeType;
  if (!cursor.gotoFirstChild()) return;
  do {
    const child = cursor.nodeType;
    if (type === 'source_file') {
      if (ITEMS.has(child)) {
        depths.set(cursor.startIndex, depth);
        if (NESTING.has(child)) walk(cursor, depth, depths);
      }
    } else if (OWNERS.has(type)) {
      if (BLOCKS.has(child) || child === 'requirement_element') walk(cursor, depth, depths);
    } else if (BLOCKS.has(type)) {
      if (child === '}') depths.set(cursor.startIndex, depth);
      else if (MEMBERS.has(child)) {
        depths.set(cursor.startIndex, depth + 1);
        if (NESTING.has(child)) walk(cursor, depth + 1, depths);
      }
    } else if (type === 'language_declaration') {
      if (child === 'connection_check') {
        depths.set(cursor.startIndex, depth + 1);
        walk(cursor, depth + 1, depths);
      }
    } else if (type === 'connection_check') {
      if (cursor.currentFieldName === 'body') depths.set(cursor.startIndex, depth + 1);
    }
  } while (cursor.gotoNextSibling());
  cursor.gotoParent();
}
