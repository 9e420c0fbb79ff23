/**
 * Structural text edits of a TOML document located by tomlLocator: set or insert a key,
 * append to or remove from an array, remove a key. Every edit touches only the bytes it
 * must; the rest of the file is preserved exactly. Works with inline tables, standard
 * tables and dotted keys.
 */
import { findNode, findPair, findTable, pathStartsWith, samePath, type Range, type TomlLayout, type TomlNode, type TomlPair } from './tomlLocator';

export interface RawEdit extends Range {
  newText: string;
}

type Host = { kind: 'table'; pairs: TomlPair[]; header: Range } | { kind: 'inline'; node: Extract<TomlNode, { kind: 'inlineTable' }>; pair: TomlPair };

export class TomlEditor {
  readonly eol: string;

  constructor(readonly layout: TomlLayout) {
    this.eol = layout.text.includes('\r\n') ? '\r\n' : '\n';
  }

  private get text(): string {
    return this.layout.text;
  }

  /** End of the line holding `offset` (before its line break). */
  private lineEnd(offset: number): number {
    const nl = this.text.indexOf('\n', offset);
    if (nl < 0) return this.text.length;
    return nl > 0 && this.text[nl - 1] === '\r' ? nl - 1 : nl;
  }

  /** The header table or inline table that directly holds `pair`. */
  private hostOf(pair: TomlPair): Host | undefined {
    for (const t of [this.layout.root, ...this.layout.tables]) if (t.pairs.includes(pair)) return { kind: 'table', pairs: t.pairs, header: t.header };
    for (const p of this.layout.pairs) {
      if (p.value.kind === 'inlineTable' && p.value.pairs.includes(pair)) return { kind: 'inline', node: p.value, pair: p };
    }
    return undefined;
  }

  exists(path: string[]): boolean {
    return findPair(this.layout, path) !== undefined || findTable(this.layout, path) !== undefined || this.layout.pairs.some((p) => pathStartsWith(p.path, path));
  }

  node(path: string[]): TomlNode | undefined {
    return findNode(this.layout, path);
  }

  /** Replace the value of `container.key`, or add the key. `[]` when `container` cannot be found. */
  setValue(container: string[], key: string, valueText: string): RawEdit[] {
    const pair = findPair(this.layout, [...container, key]);
    if (pair) return [{ start: pair.value.start, end: pair.value.end, newText: valueText }];
    return this.insertPair(container, key, valueText);
  }

  /** Add `key = value` to the table at `container`, creating the container (as an inline table) if needed. */
  insertPair(container: string[], key: string, valueText: string): RawEdit[] {
    const own = findPair(this.layout, container);
    if (own?.value.kind === 'inlineTable') {
      const node = own.value;
      const last = node.pairs[node.pairs.length - 1];
      if (last) return [{ start: last.range.end, end: last.range.end, newText: `, ${key} = ${valueText}` }];
      return [{ start: node.start, end: node.end, newText: `{ ${key} = ${valueText} }` }];
    }
    if (own) return []; // not a table: nothing sensible to edit
    const table = findTable(this.layout, container);
    if (table) {
      const last = table.pairs[table.pairs.length - 1];
      const at = this.lineEnd(last ? last.range.end : table.header.end);
      return [{ start: at, end: at, newText: `${this.eol}${key} = ${valueText}` }];
    }
    // defined through dotted keys (`capabilities.env = […]`): add a sibling dotted key
    const sibling = [...this.layout.pairs].reverse().find((p) => pathStartsWith(p.path, container) && p.path.length > container.length);
    if (sibling) {
      const first = sibling.path.length - sibling.segments.length;
      const depth = container.length - 1;
      if (depth >= first) {
        const prefix = this.text.slice(sibling.segments[0].start, sibling.segments[depth - first].end);
        return this.insertNextTo(sibling, `${prefix}.${key} = ${valueText}`);
      }
    }
    if (container.length <= 2) return []; // never create a library entry
    return this.insertPair(container.slice(0, -1), container[container.length - 1], `{ ${key} = ${valueText} }`);
  }

  /** Insert a pair's text right after `pair`, in the same table. */
  private insertNextTo(pair: TomlPair, pairText: string): RawEdit[] {
    const host = this.hostOf(pair);
    if (!host) return [];
    if (host.kind === 'inline') return [{ start: pair.range.end, end: pair.range.end, newText: `, ${pairText}` }];
    const at = this.lineEnd(pair.range.end);
    return [{ start: at, end: at, newText: `${this.eol}${pairText}` }];
  }

  /** Append an item to the array at `path` (or create `container.key = [item]`). */
  appendItem(container: string[], key: string, itemText: string): RawEdit[] {
    const node = this.node([...container, key]);
    if (node?.kind === 'array') {
      const last = node.items[node.items.length - 1];
      if (last) return [{ start: last.end, end: last.end, newText: `, ${itemText}` }];
      return [{ start: node.start + 1, end: node.start + 1, newText: itemText }];
    }
    if (node) return this.setValue(container, key, `[${itemText}]`);
    return this.insertPair(container, key, `[${itemText}]`);
  }

  /** Remove the key at `path`; an inline table left empty is removed with it (never a library entry). */
  removePair(path: string[]): RawEdit[] {
    const pair = findPair(this.layout, path);
    if (!pair) return [];
    const host = this.hostOf(pair);
    if (!host) return [];
    if (host.kind === 'table') {
      const lineStart = this.text.lastIndexOf('\n', pair.range.start - 1) + 1;
      const end = this.lineEnd(pair.range.end);
      const nl = this.text.indexOf('\n', end);
      // remove the whole line, or (on the last line) the line break before it
      if (nl >= 0) return [{ start: lineStart, end: nl + 1, newText: '' }];
      const prevBreak = lineStart > 0 ? (this.text[lineStart - 2] === '\r' ? lineStart - 2 : lineStart - 1) : lineStart;
      return [{ start: prevBreak, end, newText: '' }];
    }
    const siblings = host.node.pairs;
    if (siblings.length === 1) {
      if (host.pair.path.length > 2 && !samePath(host.pair.path, path)) return this.removePair(host.pair.path);
      return [{ start: host.node.start, end: host.node.end, newText: '{}' }];
    }
    return [this.removeListElement(siblings.map((p) => p.range), siblings.indexOf(pair))];
  }

  /** Remove item `index` of the array at `path`; the last item takes the whole key with it. */
  removeItem(path: string[], index: number): RawEdit[] {
    const node = this.node(path);
    if (node?.kind !== 'array' || !node.items[index]) return [];
    if (node.items.length === 1) return this.removePair(path);
    return [this.removeListElement(node.items, index)];
  }

  /** Remove one element of a comma-separated list together with one separator. */
  private removeListElement(items: Range[], index: number): RawEdit {
    const item = items[index];
    if (index + 1 < items.length) return { start: item.start, end: items[index + 1].start, newText: '' };
    return { start: items[index - 1].end, end: item.end, newText: '' };
  }

  /** Every written occurrence of the key segment naming `path` (headers, dotted keys, pairs). */
  segmentRanges(path: string[]): Range[] {
    const depth = path.length - 1;
    const out: Range[] = [];
    for (const p of this.layout.pairs) {
      if (!pathStartsWith(p.path, path)) continue;
      const first = p.path.length - p.segments.length;
      if (depth >= first) out.push(p.segments[depth - first]);
    }
    for (const t of this.layout.tables) {
      if (!t.arrayOfTables && pathStartsWith(t.path, path)) out.push(t.segments[depth]);
    }
    return out.filter((r, i) => out.findIndex((o) => o.start === r.start) === i);
  }
}
