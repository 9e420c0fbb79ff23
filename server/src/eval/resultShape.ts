import type { CheckOutcome } from '../libraries/library';
import type { Value } from './values';

/**
 * Libraries (plugins, WASM modules, future code) are outside the engine's control: what
 * they return is checked before it enters the scope table or a result.
 */
export function isValue(v: unknown, depth = 0): v is Value {
  if (typeof v !== 'object' || v === null || depth > 64) return false;
  const x = v as Record<string, unknown>;
  switch (x.type) {
    case 'null':
      return true;
    case 'bool':
      return typeof x.value === 'boolean';
    case 'int':
    case 'float':
      return typeof x.value === 'number';
    case 'string':
      return typeof x.value === 'string';
    case 'list':
      return Array.isArray(x.items) && x.items.every((i) => isValue(i, depth + 1));
    case 'scope':
      return typeof x.kind === 'object' && x.kind !== null && Array.isArray(x.paths) && x.paths.every((p) => typeof p === 'string') && typeof x.resolved === 'boolean';
    default:
      return false;
  }
}

export function isCheckOutcome(o: unknown): o is CheckOutcome {
  if (typeof o !== 'object' || o === null) return false;
  const x = o as Record<string, unknown>;
  return x.status === 'pass' || ((x.status === 'fail' || x.status === 'error') && typeof x.message === 'string');
}
