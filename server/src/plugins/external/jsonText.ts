/**
 * A small JSON parser for plugin responses that keeps what `JSON.parse` loses and the
 * reference decoder depends on: whether a number was written as an integer (`2` → Int)
 * or not (`2.0`, `1e3` → Float), as serde_json does. Error messages follow serde_json's
 * wording ("expected value at line 1 column 1") so E506 texts read like the reference's.
 */

/** A JSON number with its source text (integer-ness and precision decided from it). */
export class JsonNumber {
  constructor(readonly text: string) {}
  get value(): number {
    return Number(this.text);
  }
  /** Written without fraction/exponent, like serde_json's integer numbers. */
  get isIntegerText(): boolean {
    return /^-?\d+$/.test(this.text);
  }
  /** serde_json `as_i64`: integer text within the signed 64-bit range. */
  get fitsI64(): boolean {
    if (!this.isIntegerText) return false;
    const n = BigInt(this.text);
    return n >= -(2n ** 63n) && n < 2n ** 63n;
  }
}

export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export class JsonSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

export function isJsonObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof JsonNumber);
}

export function parseJson(text: string): JsonValue {
  return new Parser(text).parseDocument();
}

/** Compact JSON text of a parsed value (numbers keep their source text). */
export function jsonText(v: JsonValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof JsonNumber) return v.text;
  if (Array.isArray(v)) return `[${v.map(jsonText).join(',')}]`;
  return `{${Object.keys(v)
    .map((k) => `${JSON.stringify(k)}:${jsonText(v[k])}`)
    .join(',')}}`;
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** serde_json's default nesting limit; deeper input is an error, not a stack overflow. */
const MAX_DEPTH = 128;

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(private readonly s: string) {}

  parseDocument(): JsonValue {
    this.ws();
    const v = this.value();
    this.ws();
    if (this.pos < this.s.length) this.fail('trailing characters', this.pos + 1);
    return v;
  }

  private value(): JsonValue {
    if (this.pos >= this.s.length) this.fail('EOF while parsing a value', this.pos);
    const c = this.s[this.pos];
    if (c === '{' || c === '[') {
      if (++this.depth > MAX_DEPTH) this.fail('recursion limit exceeded', this.pos + 1);
      const v = c === '{' ? this.object() : this.array();
      this.depth--;
      return v;
    }
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const [word, val] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.s.startsWith(word, this.pos)) {
        this.pos += word.length;
        return val;
      }
    }
    const rest = this.s.slice(this.pos);
    if (rest.length < 5 && ['true', 'false', 'null'].some((k) => k.startsWith(rest))) {
      this.fail('EOF while parsing a value', this.s.length); // a literal cut short by EOF
    }
    this.fail('expected value', this.pos + 1);
  }

  private object(): JsonObject {
    this.pos++; // {
    const out: JsonObject = Object.create(null) as JsonObject;
    this.ws();
    if (this.s[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.ws();
      if (this.pos >= this.s.length) this.fail('EOF while parsing an object', this.pos);
      if (this.s[this.pos] !== '"') this.fail('key must be a string', this.pos + 1);
      const key = this.string();
      this.ws();
      if (this.pos >= this.s.length) this.fail('EOF while parsing an object', this.pos);
      if (this.s[this.pos] !== ':') this.fail('expected `:`', this.pos + 1);
      this.pos++;
      this.ws();
      out[key] = this.value();
      this.ws();
      if (this.pos >= this.s.length) this.fail('EOF while parsing an object', this.pos);
      const c = this.s[this.pos++];
      if (c === '}') return out;
      if (c !== ',') this.fail('expected `,` or `}`', this.pos);
    }
  }

  private array(): JsonValue[] {
    this.pos++; // [
    const out: JsonValue[] = [];
    this.ws();
    if (this.s[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.ws();
      out.push(this.value());
      this.ws();
      if (this.pos >= this.s.length) this.fail('EOF while parsing a list', this.pos);
      const c = this.s[this.pos++];
      if (c === ']') return out;
      if (c !== ',') this.fail('expected `,` or `]`', this.pos);
    }
  }

  private string(): string {
    this.pos++; // opening quote
    let out = '';
    for (;;) {
      // copy runs without escapes in one slice (responses can be megabytes)
      let end = this.pos;
      while (end < this.s.length) {
        const ch = this.s.charCodeAt(end);
        if (ch === 0x22 || ch === 0x5c || ch < 0x20) break;
        end++;
      }
      out += this.s.slice(this.pos, end);
      this.pos = end;
      if (this.pos >= this.s.length) this.fail('EOF while parsing a string', this.pos);
      const c = this.s[this.pos];
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c !== '\\') this.fail('control character (\\u0000-\\u001F) found while parsing a string', this.pos + 1);
      const e = this.s[this.pos + 1];
      if (e === undefined) this.fail('EOF while parsing a string', this.s.length);
      if (e === 'u') {
        const hex = this.s.slice(this.pos + 2, this.pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid escape', this.pos + 2);
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 6;
      } else if (e in ESCAPES) {
        out += ESCAPES[e];
        this.pos += 2;
      } else {
        this.fail('invalid escape', this.pos + 2);
      }
    }
  }

  private number(): JsonNumber {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.pos, this.pos + 400));
    if (!m || m[0] === '-') this.fail('invalid number', this.pos + 1);
    this.pos += m[0].length;
    return new JsonNumber(m[0]);
  }

  private ws(): void {
    while (this.pos < this.s.length && ' \t\n\r'.includes(this.s[this.pos])) this.pos++;
  }

  /** `column` is 1-based at an offending character, or the count of characters read at EOF (serde_json's convention). */
  private fail(what: string, columnIndex: number): never {
    const before = this.s.slice(0, Math.max(0, columnIndex));
    const line = before.split('\n').length;
    const column = columnIndex - (before.lastIndexOf('\n') + 1);
    throw new JsonSyntaxError(`${what} at line ${line} column ${column}`);
  }
}
