import * as fs from 'node:fs';
import * as path from 'node:path';
import { specPatternsOf } from '../plugins/config';
import { GitIgnore } from '../specs/gitIgnore';
import { SpecSet, type SpecVerdict } from '../specs/specSet';
import type { Project } from './project';

/**
 * Which known .hie files are specs, for the whole server: one SpecSet per project, built from
 * its hielements.toml as saved (`specs`, `exclude`), the setting `hielements.files.exclude`
 * (relative to the workspace folder) and .gitignore. Problems, the status bar, check runs and
 * the Test Explorer all ask here. Files outside every workspace folder and unsaved documents
 * are not specs (they still get syntax and static diagnostics).
 */
export class SpecFiles {
  private readonly sets = new Map<string, SpecSet>();

  constructor(
    private readonly folders: () => readonly string[],
    private readonly settingsExclude: () => readonly string[],
  ) {}

  includes(file: string | undefined, project: Project): boolean {
    return this.verdict(file, project) === undefined;
  }

  verdict(file: string | undefined, project: Project): SpecVerdict {
    if (file === undefined) return { reason: 'outside', detail: 'it is not saved in the workspace' };
    const folders = this.folders();
    if (folders.length > 0 && !folders.some((f) => isInside(file, f))) return { reason: 'outside', detail: 'it is outside the workspace folders' };
    return this.setFor(project).verdict(file);
  }

  /** A folder no spec of `project` can be in (scans skip it). */
  prunes(dir: string, project: Project): boolean {
    return this.setFor(project).prunes(dir);
  }

  /** hielements.toml, a .gitignore or the setting changed: decide again on next use. */
  invalidate(): void {
    this.sets.clear();
  }

  private setFor(project: Project): SpecSet {
    let set = this.sets.get(project.root);
    if (!set) {
      const patterns = specPatternsOf(readText(project.host.configFile));
      const base = this.folders().filter((f) => isInside(project.root, f)).sort((a, b) => b.length - a.length)[0] ?? project.root;
      set = new SpecSet({
        root: project.root,
        specs: patterns.specs,
        exclude: patterns.exclude,
        settingsExclude: { base, patterns: this.settingsExclude() },
        gitIgnore: new GitIgnore(base),
      });
      this.sets.set(project.root, set);
    }
    return set;
  }
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function isInside(file: string, folder: string): boolean {
  const rel = path.relative(folder, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
