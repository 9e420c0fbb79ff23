import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/**
 * Git's ignore rules for the files of one opened folder, read with the `ignore` library: every
 * `.gitignore` from the folder down to the file, plus `.git/info/exclude` when the folder is a
 * repository's top. Rules above the folder are not read (as VS Code's search does by default):
 * a folder the user opened is never ignored as a whole. A rule applies to paths below its
 * `.gitignore`; deeper files override shallower ones; nothing inside an ignored folder can be
 * re-included (as in git). Files are read once; make a new instance after a change.
 */
export class GitIgnore {
  readonly top: string;
  private readonly rules = new Map<string, Ignore | null>();
  private readonly dirs = new Map<string, boolean>();

  constructor(folder: string) {
    this.top = path.resolve(folder);
  }

  /** Whether git ignores this absolute path (`isDir`: the path is a folder). */
  ignores(file: string, isDir = false): boolean {
    const abs = path.resolve(file);
    if (!isInside(abs, this.top) || abs === this.top) return false;
    if (this.dirIgnored(path.dirname(abs))) return true;
    return this.decide(abs, isDir);
  }

  private dirIgnored(dir: string): boolean {
    if (dir === this.top || !isInside(dir, this.top)) return false;
    let known = this.dirs.get(dir);
    if (known === undefined) {
      known = this.dirIgnored(path.dirname(dir)) || this.decide(dir, true);
      this.dirs.set(dir, known);
    }
    return known;
  }

  /** The verdict of the deepest rule file with an opinion on `abs` (its parents are not ignored). */
  private decide(abs: string, isDir: boolean): boolean {
    let ignored = false;
    for (const base of levels(this.top, path.dirname(abs))) {
      const rules = this.rulesOf(base);
      if (!rules) continue;
      const rel = toPosix(path.relative(base, abs)) + (isDir ? '/' : '');
      const verdict = rules.test(rel);
      if (verdict.ignored) ignored = true;
      else if (verdict.unignored) ignored = false;
    }
    return ignored;
  }

  private rulesOf(dir: string): Ignore | null {
    let rules = this.rules.get(dir);
    if (rules === undefined) {
      const texts = [readText(path.join(dir, '.gitignore'))];
      if (dir === this.top) texts.unshift(readText(path.join(dir, '.git', 'info', 'exclude')));
      const text = texts.filter((t) => t !== undefined).join('\n');
      rules = text.trim() === '' ? null : ignore().add(text);
      this.rules.set(dir, rules);
    }
    return rules;
  }
}

/** `top`, then each folder down to `dir` (inclusive). */
function levels(top: string, dir: string): string[] {
  const out: string[] = [];
  for (let d = dir; isInside(d, top); d = path.dirname(d)) {
    out.unshift(d);
    if (d === top) break;
  }
  return out;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

const toPosix = (p: string): string => p.split(path.sep).join('/');

function isInside(file: string, folder: string): boolean {
  const rel = path.relative(folder, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
