import type { Node } from 'web-tree-sitter';
import type { Severity } from '../diagnostics/diagnostic';
import { spanAt, spanOf, type Span } from '../syntax/span';
import { KEYWORD_KINDS } from '../syntax/tokens';

type Report = (severity: Severity, code: string, message: string, span: Span) => void;

const HARD_KEYWORD = /\b(import|from|as|true|false)\b/g;
const BLOCK_OPEN = /###/g;
const EXPRESSION_PARENTS = new Set(['argument_list', 'list', 'check_declaration', 'call_expression']);

/**
 * Findings located by a text search and confirmed on the tree (cheaper than visiting every
 * node): hard keywords used as names (language.md §2.4) and unterminated block comments.
 */
export function textFindings(text: string, start: number, end: number, root: Node, report: Report): void {
  const slice = text.slice(start, end);
  for (const match of slice.matchAll(HARD_KEYWORD)) {
    const node = root.descendantForIndex(start + match.index!);
    if (node?.type === 'identifier' && node.text === match[1]) hardKeywordAsName(node, report);
  }
  for (const match of slice.matchAll(BLOCK_OPEN)) {
    const node = root.descendantForIndex(start + match.index!);
    if (node?.type === 'block_comment' && node.startIndex === start + match.index! && !isClosed(node.text)) {
      report('error', 'E019', 'Unterminated block comment: everything up to the end of the file is commented out; close it with `###`', spanAt(node.startPosition, node.startIndex, 3));
    }
  }
}

const isClosed = (comment: string): boolean => comment.length >= 6 && comment.endsWith('###');

function hardKeywordAsName(node: Node, report: Report): void {
  const parent = node.parent;
  const inExpression =
    parent !== null &&
    (EXPRESSION_PARENTS.has(parent.type) ||
      (parent.type === 'member_expression' && parent.childForFieldName('object')?.id === node.id) ||
      parent.childForFieldName('value')?.id === node.id ||
      parent.childForFieldName('body')?.id === node.id);
  const kind = KEYWORD_KINDS[node.text];
  report('error', inExpression ? 'E003' : 'E004', `Expected ${inExpression ? 'expression' : 'identifier'}, found ${kind}`, spanOf(node));
}
