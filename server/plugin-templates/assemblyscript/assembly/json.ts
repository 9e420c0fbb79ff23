// A small JSON reader/writer for the plugin's requests and replies (no dependencies).

export const enum Kind { Null, Bool, Number, String, Array, Object }

export class Json {
  kind: Kind = Kind.Null;
  bool: bool = false;
  num: f64 = 0;
  str: string = '';
  items: Json[] = [];
  keys: string[] = [];

  /** Member `key` of an object, or null. */
  get(key: string): Json | null {
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] == key) return this.items[i];
    return null;
  }
}

class Parser {
  pos: i32 = 0;
  constructor(public text: string) {}

  ws(): void {
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c != 32 && c != 9 && c != 10 && c != 13) break;
      this.pos++;
    }
  }

  value(): Json {
    this.ws();
    const v = new Json();
    const c = this.text.charCodeAt(this.pos);
    if (c == 123) {
      // {
      v.kind = Kind.Object;
      this.pos++;
      this.ws();
      if (this.text.charCodeAt(this.pos) == 125) { this.pos++; return v; }
      while (true) {
        this.ws();
        v.keys.push(this.string());
        this.ws();
        this.pos++; // :
        v.items.push(this.value());
        this.ws();
        const d = this.text.charCodeAt(this.pos++);
        if (d == 125) break;
        if (d != 44) throw new Error('bad JSON object');
      }
    } else if (c == 91) {
      // [
      v.kind = Kind.Array;
      this.pos++;
      this.ws();
      if (this.text.charCodeAt(this.pos) == 93) { this.pos++; return v; }
      while (true) {
        v.items.push(this.value());
        this.ws();
        const d = this.text.charCodeAt(this.pos++);
        if (d == 93) break;
        if (d != 44) throw new Error('bad JSON array');
      }
    } else if (c == 34) {
      v.kind = Kind.String;
      v.str = this.string();
    } else if (this.text.startsWith('true', this.pos)) {
      v.kind = Kind.Bool; v.bool = true; this.pos += 4;
    } else if (this.text.startsWith('false', this.pos)) {
      v.kind = Kind.Bool; this.pos += 5;
    } else if (this.text.startsWith('null', this.pos)) {
      this.pos += 4;
    } else {
      const start = this.pos;
      while (this.pos < this.text.length && '-+.eE0123456789'.includes(this.text.charAt(this.pos))) this.pos++;
      v.kind = Kind.Number;
      v.num = parseFloat(this.text.substring(start, this.pos));
    }
    return v;
  }

  string(): string {
    this.pos++; // opening quote
    let out = '';
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos++);
      if (c == 34) return out;
      if (c != 92) { out += String.fromCharCode(c); continue; }
      const e = this.text.charCodeAt(this.pos++);
      if (e == 110) out += '\n';
      else if (e == 116) out += '\t';
      else if (e == 114) out += '\r';
      else if (e == 98) out += '\b';
      else if (e == 102) out += '\f';
      else if (e == 117) { out += String.fromCharCode(<i32>parseInt(this.text.substring(this.pos, this.pos + 4), 16)); this.pos += 4; }
      else out += String.fromCharCode(e);
    }
    throw new Error('unterminated JSON string');
  }
}

export function parse(text: string): Json {
  return new Parser(text).value();
}

/** A JSON string literal. */
export function quote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c == 34) out += '\\"';
    else if (c == 92) out += '\\\\';
    else if (c < 32) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += String.fromCharCode(c);
  }
  return out + '"';
}

/** A parsed value written back as JSON text. */
export function stringify(v: Json): string {
  if (v.kind == Kind.Null) return 'null';
  if (v.kind == Kind.Bool) return v.bool ? 'true' : 'false';
  if (v.kind == Kind.Number) return v.num.toString();
  if (v.kind == Kind.String) return quote(v.str);
  const parts: string[] = [];
  for (let i = 0; i < v.items.length; i++) parts.push(v.kind == Kind.Object ? quote(v.keys[i]) + ':' + stringify(v.items[i]) : stringify(v.items[i]));
  return v.kind == Kind.Object ? '{' + parts.join(',') + '}' : '[' + parts.join(',') + ']';
}
