/**
 * Canonical spacing between two tokens on one line: none around `.`, inside brackets and
 * `<…>`, before `,` `:` `(` and closers; one space elsewhere; two before a trailing comment.
 */
export interface SpacedToken {
  kind: string;
  text: string;
}

const NONE_BEFORE = new Set([',', ')', ']', '.', ':', '>', '(', '<', '*']);
const NONE_AFTER = new Set(['.', '(', '[', '<']);

export function spaceBetween(a: SpacedToken, b: SpacedToken): string {
  if (b.kind === 'comment') return '  ';
  if (a.kind === 'comment') return ' ';
  if (NONE_BEFORE.has(b.text) || NONE_AFTER.has(a.text)) return '';
  // `scope[]` of a connection-check parameter; `{}` of an empty brace block
  if ((b.text === '[' && a.text === 'scope') || (a.text === '{' && b.text === '}')) return '';
  return ' ';
}
