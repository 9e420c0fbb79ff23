import type { Node, Tree } from 'web-tree-sitter';

/**
 * Doc comments (`## …`) are trivia in our grammar, so they are attached by position: the
 * `##` lines directly above a pattern or element (blank lines and `#` comment lines may sit
 * between them, as in the reference's `doc_block`) form its documentation.
 */
export interface DocCommentIndex {
  /** Row → doc text of a `##` comment that is alone on its line. */
  byRow: Map<number, string>;
  lines: string[];
}

export function indexDocComments(tree: Tree, text: string): DocCommentIndex {
  const byRow = new Map<number, string>();
  const lines = text.split('\n');
  for (const node of tree.rootNode.descendantsOfType('doc_comment')) {
    if (!node) continue;
    const row = node.startPosition.row;
    if (lines[row].slice(0, node.startPosition.column).trim() === '') byRow.set(row, docText(node.text));
  }
  return { byRow, lines };
}

/** Doc text: the comment with every leading `#` removed, trimmed. */
export function docText(comment: string): string {
  return comment.replace(/^#+/, '').trim();
}

export function docCommentsBefore(index: DocCommentIndex, node: Node): string | null {
  if (index.byRow.size === 0) return null;
  const collected: string[] = [];
  for (let row = node.startPosition.row - 1; row >= 0; row--) {
    const doc = index.byRow.get(row);
    if (doc !== undefined) {
      collected.push(doc);
      continue;
    }
    const line = index.lines[row].trim();
    if (line === '' || (line.startsWith('#') && !line.startsWith('##'))) continue;
    break;
  }
  return collected.length > 0 ? collected.reverse().join('\n') : null;
}
