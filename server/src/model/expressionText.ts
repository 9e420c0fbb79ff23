import type { Expression } from './types';
import { formatNumber } from '../syntax/literals';

/**
 * Canonical text of an expression (language.md §7.4): strings single-quoted without
 * escaping, integral numbers without a fractional part, lists as `[a, b]`.
 */
export function expressionText(e: Expression): string {
  switch (e.kind) {
    case 'identifier':
      return e.name;
    case 'member':
      return `${expressionText(e.object)}.${e.member.name}`;
    case 'call':
      return `${expressionText(e.callee)}(${e.args.map(expressionText).join(', ')})`;
    case 'string':
      return `'${e.value}'`;
    case 'number':
      return formatNumber(e.value);
    case 'boolean':
      return e.value ? 'true' : 'false';
    case 'list':
      return `[${e.elements.map(expressionText).join(', ')}]`;
  }
}

/** Dotted text of a member chain whose innermost object is an identifier (`a.b.c`), else undefined. */
export function memberChainText(e: Expression): string | undefined {
  if (e.kind === 'identifier') return e.name;
  if (e.kind !== 'member') return undefined;
  const object = memberChainText(e.object);
  return object === undefined ? undefined : `${object}.${e.member.name}`;
}
