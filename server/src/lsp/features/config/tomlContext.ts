/**
 * Where a position is in a hielements.toml being typed (often not valid TOML yet): in a table
 * header, at a key (with the table path around it), or at a value (with its key path). Read
 * from the line and the last `[header]` above it; strings and inline tables are followed.
 */
export type TomlContext =
  | { kind: 'header'; prefix: string }
  | { kind: 'key'; table: string[]; prefix: string }
  | { kind: 'value'; key: string[]; prefix: string; quoted: boolean }
  | { kind: 'none' };

export function tomlContext(text: string, line: number, character: number): TomlContext {
  const lines = text.split('\n');
  const current = (lines[line] ?? '').replace(/\r$/, '');
  const before = current.slice(0, character);
  if (/^\s*\[\[?[^\]]*$/.test(before)) return { kind: 'header', prefix: before.replace(/^\s*\[\[?/, '') };
  let table: string[] = [];
  for (let row = line - 1; row >= 0; row--) {
    const header = /^\s*\[\[?([^\]]*)\]/.exec(lines[row]);
    if (header) {
      table = splitKey(header[1]);
      break;
    }
  }
  return scanLine(before, table);
}

function splitKey(text: string): string[] {
  return text
    .split('.')
    .map((s) => s.trim().replace(/^["']|["']$/g, ''))
    .filter((s) => s !== '');
}

/** Follows the line up to the cursor: keys, `=`, inline tables, arrays, strings, comments. */
function scanLine(before: string, table: string[]): TomlContext {
  const stack: string[][] = []; // key paths of the open inline tables
  let key = '';
  let valueOf: string[] | undefined; // after `key =`
  let arrays = 0;
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (c === '"' || c === "'") {
      const end = before.indexOf(c, i + 1);
      if (end < 0) {
        const path = [...table, ...stack.flat(), ...(valueOf ?? splitKey(key))];
        return valueOf ? { kind: 'value', key: path, prefix: before.slice(i + 1), quoted: true } : { kind: 'none' };
      }
      if (!valueOf) key += before.slice(i, end + 1);
      i = end;
    } else if (c === '#') return { kind: 'none' };
    else if (c === '=' && !valueOf) {
      valueOf = splitKey(key);
      key = '';
    } else if (c === '{' && valueOf) {
      stack.push(valueOf);
      valueOf = undefined;
    } else if (c === '}') {
      valueOf = stack.pop() ?? [];
    } else if (c === '[' && valueOf) arrays++;
    else if (c === ']' && valueOf) arrays = Math.max(0, arrays - 1);
    else if (c === ',' && arrays === 0) {
      valueOf = undefined;
      key = '';
    } else if (!valueOf) key += c;
  }
  const base = [...table, ...stack.flat()];
  if (valueOf) return { kind: 'value', key: [...base, ...valueOf], prefix: /[\w-]*$/.exec(before)![0], quoted: false };
  const parts = splitKey(key);
  const typed = /[\w-]*$/.exec(key)![0];
  return { kind: 'key', table: [...base, ...(key.trim().endsWith('.') ? parts : parts.slice(0, -1))], prefix: typed };
}
