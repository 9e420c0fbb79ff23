import * as path from 'node:path';
import { GitIgnore } from './gitIgnore';
import { SpecGlobs } from './specGlobs';

/** What decides which .hie files of a project are its specs. */
export interface SpecSetOptions {
  /** The project folder (holding hielements.toml); `specs` and `exclude` are relative to it. */
  root: string;
  /** hielements.toml `specs`: when given, only matching files are specs. */
  specs?: readonly string[];
  /** hielements.toml `exclude`. */
  exclude?: readonly string[];
  /** The editor's `hielements.files.exclude`, relative to `base` (the workspace folder). */
  settingsExclude?: { base: string; patterns: readonly string[] };
  /** Git's ignore rules; default: read from `.gitignore` files at and below the project folder. */
  gitIgnore?: GitIgnore;
}

/** Why a file is not a spec (for messages); undefined when it is one. */
export type SpecVerdict = undefined | { reason: 'outside' | 'specs' | 'exclude' | 'setting' | 'gitignore'; detail: string };

/**
 * The spec set of one project: every `.hie` file below its folder, or those matching
 * `specs` when given, minus `exclude`, minus the setting's patterns, minus what git ignores.
 * Pure decisions over paths (git rules are read from disk once); the language server's
 * Problems, status bar and Test Explorer all ask the same instance.
 */
export class SpecSet {
  readonly root: string;
  private readonly specs: SpecGlobs | undefined;
  private readonly exclude: SpecGlobs;
  private readonly settings: { base: string; globs: SpecGlobs } | undefined;
  private readonly git: GitIgnore;

  constructor(options: SpecSetOptions) {
    this.root = path.resolve(options.root);
    this.specs = options.specs ? new SpecGlobs(options.specs) : undefined;
    this.exclude = new SpecGlobs(options.exclude ?? []);
    const s = options.settingsExclude;
    this.settings = s && s.patterns.length > 0 ? { base: path.resolve(s.base), globs: new SpecGlobs(s.patterns) } : undefined;
    this.git = options.gitIgnore ?? new GitIgnore(this.root);
  }

  includes(file: string): boolean {
    return this.verdict(file) === undefined;
  }

  verdict(file: string): SpecVerdict {
    const abs = path.resolve(file);
    const rel = relativeInside(this.root, abs);
    if (rel === undefined) return { reason: 'outside', detail: `it is outside the project folder ${this.root}` };
    if (this.specs && !this.specs.matches(rel)) {
      return { reason: 'specs', detail: `it matches none of hielements.toml's specs (${this.specs.patterns.map((p) => JSON.stringify(p)).join(', ')})` };
    }
    const excluded = this.exclude.patternFor(rel);
    if (excluded !== undefined) return { reason: 'exclude', detail: `hielements.toml's exclude has ${JSON.stringify(excluded)}` };
    const setting = this.settingPattern(abs);
    if (setting !== undefined) return { reason: 'setting', detail: `the setting hielements.files.exclude has ${JSON.stringify(setting)}` };
    if (this.git.ignores(abs)) return { reason: 'gitignore', detail: 'git ignores it (.gitignore)' };
    return undefined;
  }

  /** A folder whose files can never be specs (excluded or ignored as a whole): scans skip it. */
  prunes(dir: string): boolean {
    const abs = path.resolve(dir);
    const rel = relativeInside(this.root, abs);
    if (rel === undefined || rel === '') return false;
    if (this.exclude.matches(rel) || this.settingPattern(abs) !== undefined) return true;
    return this.git.ignores(abs, true);
  }

  private settingPattern(abs: string): string | undefined {
    if (!this.settings) return undefined;
    const rel = relativeInside(this.settings.base, abs);
    return rel === undefined ? undefined : this.settings.globs.patternFor(rel);
  }
}

/** `/`-separated path of `file` below `folder` ('' for the folder itself), undefined outside it. */
function relativeInside(folder: string, file: string): string | undefined {
  const rel = path.relative(folder, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}
