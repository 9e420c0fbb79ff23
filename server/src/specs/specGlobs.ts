import { Minimatch } from 'minimatch';

/**
 * The globs of `specs`/`exclude` (hielements.toml) and `hielements.files.exclude` (the editor
 * setting), matched against `/`-separated paths relative to a base folder. minimatch syntax
 * (`*`, `**`, `?`, `[abc]`, `{a,b}`), dot files included; a pattern also matches everything
 * below a folder it names (`examples` = `examples/**`), as in .gitignore and VS Code.
 */
export class SpecGlobs {
  private readonly entries: { pattern: string; matchers: Minimatch[] }[];

  constructor(readonly patterns: readonly string[]) {
    this.entries = patterns.flatMap((p) => {
      const pattern = normalizePattern(p);
      if (pattern === undefined) return [];
      return [{ pattern: p, matchers: [new Minimatch(pattern, OPTIONS), new Minimatch(`${pattern}/**`, OPTIONS)] }];
    });
  }

  /** Whether `relative` (a path below the base, `/`-separated) matches one of the patterns. */
  matches(relative: string): boolean {
    return this.patternFor(relative) !== undefined;
  }

  /** The first pattern (as written) matching `relative`. */
  patternFor(relative: string): string | undefined {
    return this.entries.find((e) => e.matchers.some((m) => m.match(relative)))?.pattern;
  }
}

const OPTIONS = { dot: true, nocomment: true, nonegate: true } as const;

/** `./a/` → `a`; undefined for a pattern that can match nothing below the base (empty, absolute, `..`). */
export function normalizePattern(pattern: string): string | undefined {
  let p = pattern.replace(/\\/g, '/').trim();
  while (p.startsWith('./')) p = p.slice(2);
  p = p.replace(/\/+$/, '');
  if (p === '' || p === '.' || p.startsWith('/') || /^[A-Za-z]:\//.test(p) || p === '..' || p.startsWith('../')) return undefined;
  return p;
}
