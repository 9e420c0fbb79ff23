/**
 * JSON text in serde_json's pretty style (two-space indent, `"key": value`, `[]`/`{}` when
 * empty), which the reference prints; `Float` values keep a fractional part (`8080.0`).
 */
export class Float {
  constructor(readonly value: number) {}
}

export function prettyJson(value: unknown, indent = ''): string {
  if (value instanceof Float) return formatFloat(value.value);
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value);
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + prettyJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${prettyJson(v, inner)}`).join(',\n')}\n${indent}}`;
}

function formatFloat(n: number): string {
  if (!Number.isFinite(n)) return 'null';
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return `${n}.0`;
  return String(n);
}
