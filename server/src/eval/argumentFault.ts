import type { Expression } from '../model/types';
import type { Span } from '../syntax/span';

const ORDINALS: Record<string, number> = { first: 0, second: 1, third: 2, fourth: 3, fifth: 4 };

/**
 * Which argument a library error is about: an `argumentIndex` number on the error when the
 * library sets one, else the ordinal in the built-ins' messages (`… as second argument`).
 */
export function argumentIndexOf(error: unknown): number | undefined {
  const explicit = (error as { argumentIndex?: unknown } | null)?.argumentIndex;
  if (typeof explicit === 'number' && Number.isInteger(explicit) && explicit >= 0) return explicit;
  const message = error instanceof Error ? error.message : '';
  const m = /\b(first|second|third|fourth|fifth) argument\b/.exec(message);
  return m ? ORDINALS[m[1]] : undefined;
}

/** The span of the argument a library error names, or the whole call's when it names none (or a missing one). */
export function faultSpan(error: unknown, args: readonly Expression[], call: Span): Span {
  const index = argumentIndexOf(error);
  return index !== undefined && index < args.length ? args[index].span : call;
}
