/** Shapes of values as @iarna/toml returns them. */
export type TomlTableValue = Record<string, unknown>;

export function isTable(v: unknown): v is TomlTableValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

export function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** An integer as written (not `5.0`, `5e0`, inf or nan), when its source text is known. */
export function isIntegerLiteral(v: unknown, sourceText: string | undefined): boolean {
  if (typeof v === 'bigint') return true;
  if (typeof v !== 'number' || !Number.isInteger(v)) return false;
  if (sourceText === undefined) return true;
  const t = sourceText.replace(/_/g, '');
  return /^[+-]?\d+$/.test(t) || /^0[xob][0-9a-fA-F]+$/.test(t);
}

export function has(table: TomlTableValue, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(table, key);
}
