/**
 * Glob patterns in the dialect of the Rust `glob` crate with default options
 * (stdlib.md §2.1): `*`/`?` within one component (matching leading dots too), `**` as a
 * whole component only, `[abc]`, `[a-z]`, `[!abc]` (a `]` right after `[` or `[!` is a
 * member), case-sensitive. Invalid patterns are rejected the way the crate rejects them.
 */
type CharSpec = { kind: 'char'; c: string } | { kind: 'range'; from: string; to: string };
type Token =
  | { kind: 'char'; c: string }
  | { kind: 'any' }
  | { kind: 'sequence' }
  | { kind: 'within'; specs: CharSpec[] }
  | { kind: 'except'; specs: CharSpec[] };

export type GlobComponent =
  | { kind: 'literal'; text: string }
  | { kind: 'recursive' }
  | { kind: 'wildcard'; tokens: Token[] };

/** Split into components, or undefined when the crate would report a pattern error. */
export function parseGlob(pattern: string): GlobComponent[] | undefined {
  if (!isValidPattern(pattern)) return undefined;
  const parts = pattern.split('/');
  const components: GlobComponent[] = [];
  parts.forEach((part) => {
    if (part === '') return; // `a//b`, trailing `/`
    if (part === '**') {
      if (components[components.length - 1]?.kind !== 'recursive') components.push({ kind: 'recursive' });
    } else if (!/[*?[]/.test(part)) components.push({ kind: 'literal', text: part });
    else components.push({ kind: 'wildcard', tokens: tokenize([...part]) });
  });
  return components;
}

function isValidPattern(pattern: string): boolean {
  const chars = [...pattern];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i];
    if (c === '*') {
      const start = i;
      while (i < chars.length && chars[i] === '*') i++;
      const count = i - start;
      if (count > 2) return false;
      if (count === 2) {
        const startsComponent = start === 0 || chars[start - 1] === '/';
        const endsComponent = i === chars.length || chars[i] === '/';
        if (!startsComponent || !endsComponent) return false;
      }
    } else if (c === '[') {
      const close = classEnd(chars, i);
      if (close === undefined) return false;
      i = close + 1;
    } else i++;
  }
  return true;
}

/** Index of the `]` closing the class opened at `open`, per the crate's rules. */
function classEnd(chars: string[], open: number): number | undefined {
  if (open + 4 <= chars.length && chars[open + 1] === '!') {
    const j = chars.indexOf(']', open + 3);
    return j < 0 ? undefined : j;
  }
  if (open + 3 <= chars.length && chars[open + 1] !== '!') {
    const j = chars.indexOf(']', open + 2);
    return j < 0 ? undefined : j;
  }
  return undefined;
}

function tokenize(chars: string[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i];
    if (c === '?') {
      tokens.push({ kind: 'any' });
      i++;
    } else if (c === '*') {
      while (i < chars.length && chars[i] === '*') i++;
      tokens.push({ kind: 'sequence' });
    } else if (c === '[') {
      const close = classEnd(chars, i) as number; // validated before
      const negated = chars[i + 1] === '!';
      const specs = charSpecs(chars.slice(negated ? i + 2 : i + 1, close));
      tokens.push(negated ? { kind: 'except', specs } : { kind: 'within', specs });
      i = close + 1;
    } else {
      tokens.push({ kind: 'char', c });
      i++;
    }
  }
  return tokens;
}

function charSpecs(chars: string[]): CharSpec[] {
  const specs: CharSpec[] = [];
  let i = 0;
  while (i < chars.length) {
    if (i + 2 < chars.length && chars[i + 1] === '-') {
      specs.push({ kind: 'range', from: chars[i], to: chars[i + 2] });
      i += 3;
    } else {
      specs.push({ kind: 'char', c: chars[i] });
      i++;
    }
  }
  return specs;
}

function inSpecs(specs: CharSpec[], c: string): boolean {
  const cp = c.codePointAt(0) as number;
  return specs.some((s) =>
    s.kind === 'char' ? s.c === c : (s.from.codePointAt(0) as number) <= cp && cp <= (s.to.codePointAt(0) as number),
  );
}

/** Whether one path component matches a wildcard component's tokens. */
export function matchComponent(tokens: Token[], name: string): boolean {
  const chars = [...name];
  const memo = new Map<number, boolean>();
  const go = (ti: number, ci: number): boolean => {
    const key = ti * (chars.length + 1) + ci;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (ti === tokens.length) result = ci === chars.length;
    else {
      const t = tokens[ti];
      if (t.kind === 'sequence') result = go(ti + 1, ci) || (ci < chars.length && go(ti, ci + 1));
      else if (ci === chars.length) result = false;
      else {
        const c = chars[ci];
        const ok =
          t.kind === 'any' ||
          (t.kind === 'char' && t.c === c) ||
          (t.kind === 'within' && inSpecs(t.specs, c)) ||
          (t.kind === 'except' && !inSpecs(t.specs, c));
        result = ok && go(ti + 1, ci + 1);
      }
    }
    memo.set(key, result);
    return result;
  };
  return go(0, 0);
}

/**
 * How far up (in components) a pattern can climb from its base: a negative minimum means
 * a `..` could leave the base directory.
 */
export function minimumDepth(components: GlobComponent[]): number {
  let depth = 0;
  let min = 0;
  for (const c of components) {
    if (c.kind === 'literal' && c.text === '..') depth--;
    else if (!(c.kind === 'literal' && (c.text === '.' || c.text === ''))) depth++;
    min = Math.min(min, depth);
  }
  return min;
}
