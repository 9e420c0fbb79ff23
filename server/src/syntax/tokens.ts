import type { Node } from 'web-tree-sitter';
import type { Point } from './span';

/**
 * The token stream of a document, read back from the leaves of its tree-sitter tree
 * (inside ERROR nodes too), with the reference's token-kind names (language.md §2.2) so
 * that messages read like the reference's: "Expected Colon, found Newline".
 */
// a null prototype: `constructor` or `toString` are identifiers, not keywords
export const KEYWORD_KINDS: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  element: 'Element', template: 'Template', pattern: 'Pattern', implements: 'Implements',
  binds: 'Binds', scope: 'Scope', connection_point: 'ConnectionPoint', ref: 'Ref', uses: 'Uses',
  check: 'Check', import: 'Import', from: 'From', as: 'As', true: 'True', false: 'False',
  requires: 'Requires', allows: 'Allows', forbids: 'Forbids', descendant: 'Descendant',
  connection: 'Connection', to: 'To', language: 'Language', connection_check: 'ConnectionCheck',
});

/** Keywords that can never be names (language.md §2.4). */
export const HARD_KEYWORDS: ReadonlySet<string> = new Set(['import', 'from', 'as', 'true', 'false']);

const PUNCTUATION_KINDS: Readonly<Record<string, string>> = {
  ':': 'Colon', '=': 'Equals', '.': 'Dot', ',': 'Comma', '(': 'LParen', ')': 'RParen',
  '[': 'LBracket', ']': 'RBracket', '{': 'LBrace', '}': 'RBrace', '<': 'LAngle', '>': 'RAngle',
  '*': 'Star',
};

/** Leaf types that are trivia (never seen by the parser proper). */
export const TRIVIA = new Set(['comment', 'doc_comment', 'block_comment']);

export interface Token {
  /** Reference kind name: `Identifier`, `Scope`, `Newline`, `Indent`, `StringSingle`, … */
  kind: string;
  text: string;
  startIndex: number;
  endIndex: number;
  start: Point;
  end: Point;
}

export function tokenKind(leaf: Node): string {
  return kindOf(leaf.isError ? 'ERROR' : leaf.type, leaf.text, leaf.startIndex === leaf.endIndex);
}

/** The reference kind of a leaf given its node type and text (`ERROR` for an error leaf). */
export function kindOf(type: string, text: string, zeroWidth: boolean): string {
  switch (type) {
    case 'ERROR':
      return 'Invalid';
    case 'identifier':
      return KEYWORD_KINDS[text] ?? 'Identifier';
    case 'string':
      return text.startsWith('"') ? 'StringDouble' : 'StringSingle';
    case 'unterminated_string':
      return 'UnterminatedString';
    case 'number':
      return 'Number';
    case 'newline':
      return zeroWidth ? 'Eof' : 'Newline';
    case 'indent':
      return 'Indent';
    case 'dedent':
      return 'Dedent';
    case 'missing_close_brace':
      return 'Eof';
    case 'doc_comment':
      return 'DocComment';
    case 'wildcard':
      return 'Star';
    default:
      return KEYWORD_KINDS[type] ?? PUNCTUATION_KINDS[type] ?? type;
  }
}

/** Leaves of `node` in document order, trivia and MISSING nodes excluded. */
export function leafTokens(node: Node): Token[] {
  return collectTokens(node, Infinity);
}

/** The first real token of `node` (not trivia, not a zero-width end-of-input token). */
export function firstTokenOf(node: Node): Token | undefined {
  return collectTokens(node, 1)[0];
}

function collectTokens(node: Node, limit: number): Token[] {
  const out: Token[] = [];
  const cursor = node.walk();
  try {
    for (;;) {
      if (cursor.gotoFirstChild()) continue;
      const leaf = cursor.currentNode;
      if (!leaf.isMissing && !TRIVIA.has(leaf.type) && leaf.type !== 'source_file' && (limit === Infinity || leaf.endIndex > leaf.startIndex)) {
        if (out.length >= limit) return out;
        out.push({
          kind: tokenKind(leaf),
          text: leaf.text,
          startIndex: leaf.startIndex,
          endIndex: leaf.endIndex,
          start: leaf.startPosition,
          end: leaf.endPosition,
        });
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return out;
      }
    }
  } finally {
    cursor.delete();
  }
}
