/**
 * Random one-character edits at random places, as real typing produces them (letters,
 * spaces, `:`, `(`, `)`, quotes, line breaks, backspaces), so syntax errors come and go and
 * accumulate. Seeded and reproducible; the typist keeps the text it produced, so a test or a
 * bench knows what the server should be looking at after every edit.
 */
export interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface TypedEdit {
  range: LspRange;
  text: string;
}

/** mulberry32: a small, good-enough seeded generator. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz_';
/** What one keystroke inserts, with how often (the rest are letters). */
const OTHERS: [string, number][] = [
  [' ', 0.14],
  [':', 0.04],
  ['(', 0.04],
  [')', 0.04],
  ["'", 0.03],
  ['"', 0.02],
  ['\n', 0.05],
];
/** Share of keystrokes that are a backspace. */
const BACKSPACE = 0.15;

export class RandomTypist {
  private readonly random: () => number;
  private readonly lines: string[];

  constructor(text: string, seed: number) {
    this.random = seededRandom(seed);
    this.lines = text.split('\n');
  }

  get text(): string {
    return this.lines.join('\n');
  }

  get lineCount(): number {
    return this.lines.length;
  }

  line(row: number): string {
    return this.lines[row] ?? '';
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.random() * n);
  }

  /** The next keystroke at a random place, already applied to the typist's text. */
  next(): TypedEdit {
    const row = this.int(this.lines.length);
    const column = this.int(this.lines[row].length + 1);
    return this.random() < BACKSPACE ? this.backspace(row, column) : this.insert(row, column, this.character());
  }

  insert(row: number, column: number, text: string): TypedEdit {
    const line = this.lines[row];
    const inserted = (line.slice(0, column) + text + line.slice(column)).split('\n');
    this.lines.splice(row, 1, ...inserted);
    return { range: { start: { line: row, character: column }, end: { line: row, character: column } }, text };
  }

  /** Deletes the character before (row, column): the line break when at a line start. */
  backspace(row: number, column: number): TypedEdit {
    if (column > 0) {
      const line = this.lines[row];
      this.lines[row] = line.slice(0, column - 1) + line.slice(column);
      return { range: { start: { line: row, character: column - 1 }, end: { line: row, character: column } }, text: '' };
    }
    if (row === 0) return this.insert(row, column, this.character());
    const previous = this.lines[row - 1];
    this.lines.splice(row - 1, 2, previous + this.lines[row]);
    return { range: { start: { line: row - 1, character: previous.length }, end: { line: row, character: 0 } }, text: '' };
  }

  private character(): string {
    let r = this.random();
    for (const [c, p] of OTHERS) {
      if (r < p) return c;
      r -= p;
    }
    return LETTERS[this.int(LETTERS.length)];
  }

  /**
   * A position on the library name of some `check lib.fn(` at or after a random line
   * (wrapping around), for hovers that have something to say; a random position if none.
   */
  hoverTarget(): { line: number; character: number } {
    const start = this.int(this.lines.length);
    for (let i = 0; i < this.lines.length; i++) {
      const row = (start + i) % this.lines.length;
      const match = /check (files|rust|python)\./.exec(this.lines[row]);
      if (match) return { line: row, character: match.index + 7 };
    }
    return { line: start, character: 0 };
  }
}
