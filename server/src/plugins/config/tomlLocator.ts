/**
 * Where things are in a TOML text: table headers, key/value pairs (including dotted keys
 * and pairs inside inline tables), array items — with offsets, so diagnostics can point
 * at exact ranges and quick-fixes can edit the text in place. Run it on text that
 * @iarna/toml accepted; it never throws on other input but then locates less.
 */

/** [start, end) offsets (UTF-16 indices) into the text. */
export interface Range {
  start: number;
  end: number;
}

export interface KeySegment extends Range {
  name: string;
}

export type TomlNode =
  | ({ kind: 'scalar'; text: string } & Range)
  | ({ kind: 'array'; items: TomlNode[] } & Range)
  | ({ kind: 'inlineTable'; pairs: TomlPair[] } & Range);

export interface TomlPair {
  /** Full key path from the document root. */
  path: string[];
  /** The key as written here (dotted keys have several segments). */
  segments: KeySegment[];
  value: TomlNode;
  /** From the key's start to the value's end. */
  range: Range;
}

export interface TomlTable {
  /** [] for the root table (the pairs before the first header). */
  path: string[];
  /** The header `[a.b]` / `[[a.b]]` (empty at offset 0 for the root). */
  header: Range;
  segments: KeySegment[];
  arrayOfTables: boolean;
  pairs: TomlPair[];
}

export interface TomlLayout {
  text: string;
  root: TomlTable;
  /** Header tables in document order (the root excluded). */
  tables: TomlTable[];
  /** Every pair, nested ones included, in document order. */
  pairs: TomlPair[];
}

const samePath = (a: string[], b: string[]): boolean => a.length === b.length && a.every((s, i) => s === b[i]);
const startsWith = (a: string[], prefix: string[]): boolean => prefix.length <= a.length && prefix.every((s, i) => s === a[i]);

const ESC: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\', e: '\x1b' };

class Scanner {
  pos = 0;
  readonly pairs: TomlPair[] = [];
  constructor(readonly s: string) {}

  get eof(): boolean {
    return this.pos >= this.s.length;
  }

  /** Spaces and tabs only. */
  inlineWs(): void {
    while (!this.eof && (this.s[this.pos] === ' ' || this.s[this.pos] === '\t')) this.pos++;
  }

  /** Whitespace, newlines and comments. */
  anyWs(): void {
    for (;;) {
      while (!this.eof && ' \t\r\n'.includes(this.s[this.pos])) this.pos++;
      if (this.s[this.pos] === '#') this.toLineEnd();
      else return;
    }
  }

  toLineEnd(): void {
    const nl = this.s.indexOf('\n', this.pos);
    this.pos = nl < 0 ? this.s.length : nl;
  }

  key(): KeySegment[] {
    const segs: KeySegment[] = [];
    for (;;) {
      this.inlineWs();
      const start = this.pos;
      const c = this.s[this.pos];
      let name: string;
      if (c === '"') name = this.basicString();
      else if (c === "'") name = this.literalString();
      else {
        const m = /^[A-Za-z0-9_-]+/.exec(this.s.slice(this.pos, this.pos + 256));
        if (!m) return segs;
        name = m[0];
        this.pos += name.length;
      }
      segs.push({ name, start, end: this.pos });
      this.inlineWs();
      if (this.s[this.pos] !== '.') return segs;
      this.pos++;
    }
  }

  basicString(): string {
    let out = '';
    this.pos++;
    while (!this.eof) {
      const c = this.s[this.pos];
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === '\n') return out;
      if (c === '\\') {
        const e = this.s[this.pos + 1];
        if (e === 'u' || e === 'U') {
          const len = e === 'u' ? 4 : 8;
          out += String.fromCodePoint(parseInt(this.s.slice(this.pos + 2, this.pos + 2 + len), 16) || 0xfffd);
          this.pos += 2 + len;
        } else {
          out += ESC[e] ?? e;
          this.pos += 2;
        }
        continue;
      }
      out += c;
      this.pos++;
    }
    return out;
  }

  literalString(): string {
    const end = this.s.indexOf("'", this.pos + 1);
    const stop = end < 0 ? this.s.length : end;
    const out = this.s.slice(this.pos + 1, stop);
    this.pos = Math.min(this.s.length, stop + 1);
    return out;
  }

  /** After an opening triple quote: to the closing one (up to two extra quotes belong to the content). */
  multiline(quote: string): void {
    const triple = quote.repeat(3);
    this.pos += 3;
    while (!this.eof) {
      if (quote === '"' && this.s[this.pos] === '\\') {
        this.pos += 2;
        continue;
      }
      if (this.s.startsWith(triple, this.pos)) {
        this.pos += 3;
        let extra = 0;
        while (extra < 2 && this.s[this.pos] === quote) {
          this.pos++;
          extra++;
        }
        return;
      }
      this.pos++;
    }
  }

  value(path: string[]): TomlNode {
    const start = this.pos;
    const c = this.s[this.pos];
    if (c === '{') return this.inlineTable(path);
    if (c === '[') return this.array(path);
    if (this.s.startsWith('"""', this.pos)) this.multiline('"');
    else if (this.s.startsWith("'''", this.pos)) this.multiline("'");
    else if (c === '"') this.basicString();
    else if (c === "'") this.literalString();
    else {
      const m = /^[^\s,\]}#]+/.exec(this.s.slice(this.pos, this.pos + 256));
      this.pos += m ? m[0].length : 0;
      // a local date followed by ` 07:32:00` is one datetime
      const date = /^\d{4}-\d{2}-\d{2}$/.test(this.s.slice(start, this.pos));
      const time = /^ \d{2}:\d{2}[^\s,\]}#]*/.exec(this.s.slice(this.pos, this.pos + 64));
      if (date && time) this.pos += time[0].length;
    }
    return { kind: 'scalar', text: this.s.slice(start, this.pos), start, end: this.pos };
  }

  inlineTable(path: string[]): TomlNode {
    const start = this.pos++;
    const pairs: TomlPair[] = [];
    this.delimited('}', () => {
      const pair = this.pair(path);
      if (pair) pairs.push(pair);
    });
    return { kind: 'inlineTable', pairs, start, end: this.pos };
  }

  array(path: string[]): TomlNode {
    const start = this.pos++;
    const items: TomlNode[] = [];
    this.delimited(']', () => items.push(this.value([...path, String(items.length)])));
    return { kind: 'array', items, start, end: this.pos };
  }

  /** Comma-separated items up to `close` (consumed); never loops on unexpected input. */
  private delimited(close: string, item: () => void): void {
    for (;;) {
      this.anyWs();
      if (this.eof) return;
      const c = this.s[this.pos];
      if (c === close) {
        this.pos++;
        return;
      }
      if (c === ',') {
        this.pos++;
        continue;
      }
      const before = this.pos;
      item();
      if (this.pos === before) this.pos++;
    }
  }

  pair(prefix: string[]): TomlPair | undefined {
    const start = this.pos;
    const segments = this.key();
    this.inlineWs();
    if (segments.length === 0 || this.s[this.pos] !== '=') return undefined;
    this.pos++;
    this.inlineWs();
    const path = [...prefix, ...segments.map((s) => s.name)];
    const pair: TomlPair = { path, segments, value: { kind: 'scalar', text: '', start: this.pos, end: this.pos }, range: { start, end: this.pos } };
    this.pairs.push(pair); // before the value's own pairs: document order
    pair.value = this.value(path);
    pair.range.end = this.pos;
    return pair;
  }
}

export function locateToml(text: string): TomlLayout {
  const sc = new Scanner(text);
  const root: TomlTable = { path: [], header: { start: 0, end: 0 }, segments: [], arrayOfTables: false, pairs: [] };
  const tables: TomlTable[] = [];
  const arrayCounts = new Map<string, number>();
  let current = root;
  for (;;) {
    sc.anyWs();
    if (sc.eof) break;
    const start = sc.pos;
    if (text[sc.pos] === '[') {
      const isArray = text[sc.pos + 1] === '[';
      sc.pos += isArray ? 2 : 1;
      const segments = sc.key();
      sc.inlineWs();
      sc.pos += isArray ? 2 : 1;
      let path = segments.map((s) => s.name);
      if (isArray) {
        // each [[a]] is a new element: give it an index so its pairs are told apart
        const key = path.join('\u0000');
        const n = arrayCounts.get(key) ?? 0;
        arrayCounts.set(key, n + 1);
        path = [...path, String(n)];
      }
      current = { path, header: { start, end: sc.pos }, segments, arrayOfTables: isArray, pairs: [] };
      tables.push(current);
    } else {
      const pair = sc.pair(current.path);
      if (pair) current.pairs.push(pair);
    }
    sc.toLineEnd(); // rest of the line: comment (valid TOML has nothing else)
    if (sc.pos === start) sc.pos++;
  }
  return { text, root, tables, pairs: sc.pairs };
}

/** The pair whose full path is `path`. */
export function findPair(layout: TomlLayout, path: string[]): TomlPair | undefined {
  return layout.pairs.find((p) => samePath(p.path, path));
}

/** The header table `[path]`. */
export function findTable(layout: TomlLayout, path: string[]): TomlTable | undefined {
  return layout.tables.find((t) => samePath(t.path, path));
}

/** The node at `path`, descending into arrays (index segments) and inline tables. */
export function findNode(layout: TomlLayout, path: string[]): TomlNode | undefined {
  for (let n = path.length; n > 0; n--) {
    const pair = findPair(layout, path.slice(0, n));
    if (!pair) continue;
    let node: TomlNode | undefined = pair.value;
    for (const seg of path.slice(n)) {
      if (node?.kind === 'array') node = node.items[Number(seg)];
      else return undefined;
    }
    return node;
  }
  return undefined;
}

/** Where the key naming `path` is written: a pair's last segment, a header's last segment, or a dotted segment. */
export function keyRange(layout: TomlLayout, path: string[]): Range | undefined {
  const pair = findPair(layout, path);
  if (pair) return pair.segments[pair.segments.length - 1];
  const table = findTable(layout, path);
  if (table) return table.segments[table.segments.length - 1] ?? table.header;
  const depth = path.length - 1;
  for (const p of [...layout.pairs, ...layout.tables]) {
    if (!startsWith(p.path, path)) continue;
    const first = p.path.length - p.segments.length;
    if (depth >= first) return p.segments[depth - first];
  }
  return undefined;
}

/** Everything that defines `path` or something below it: from its first to its last character. */
export function entryRange(layout: TomlLayout, path: string[]): Range | undefined {
  let start = Infinity;
  let end = -Infinity;
  for (const p of layout.pairs) {
    if (startsWith(p.path, path)) {
      start = Math.min(start, p.range.start);
      end = Math.max(end, p.range.end);
    }
  }
  for (const t of layout.tables) {
    if (startsWith(t.path, path)) {
      start = Math.min(start, t.header.start);
      end = Math.max(end, t.header.end);
    }
  }
  return start === Infinity ? undefined : { start, end };
}

export { samePath, startsWith as pathStartsWith };
