import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Resolves guest paths (relative to a directory inside the workspace) to host paths,
 * refusing anything that lands outside the workspace: `..` walks, absolute paths and
 * symlinks (file or directory, relative or absolute) whose real path is outside.
 *
 * Each open is checked lexically and then with `realpath`, and the host then opens the
 * real path it checked. Known limits (documented in plugins/README.md): hard links to
 * outside files are followed (a path check cannot see them), and a concurrent local
 * process could swap a path between the check and the open (Node has no openat2).
 */

export type Resolution =
  | { ok: true; /** Real host path. */ host: string; /** Normalised path relative to the workspace root ('' = root). */ rel: string }
  | { ok: false; /** Path as the plugin gave it (for messages). */ shown: string; why: 'outside' | 'invalid' | 'not-found' };

export class WorkspaceJail {
  readonly realRoot: string;

  constructor(root: string) {
    this.realRoot = fs.realpathSync(root);
  }

  private inside(real: string): boolean {
    return real === this.realRoot || real.startsWith(this.realRoot + path.sep);
  }

  /** Lexical step: '' for the root, undefined when the path escapes or is absolute. */
  lexical(dirRel: string, guestPath: string): string | undefined {
    if (guestPath.includes('\0') || guestPath.startsWith('/')) return undefined;
    const joined = path.posix.normalize(path.posix.join(dirRel || '.', guestPath || '.'));
    if (joined === '..' || joined.startsWith('../') || joined.startsWith('/')) return undefined;
    return joined === '.' ? '' : joined.replace(/\/$/, '');
  }

  /**
   * Resolve for opening an existing entry (`forCreate` false) or for creating one
   * (`forCreate` true: the entry may be missing, its parent must be a real directory inside).
   */
  resolve(dirRel: string, guestPath: string, forCreate = false): Resolution {
    const shown = guestPath;
    const rel = this.lexical(dirRel, guestPath);
    if (rel === undefined) return { ok: false, shown, why: guestPath.includes('\0') ? 'invalid' : 'outside' };
    const lexicalHost = rel === '' ? this.realRoot : path.join(this.realRoot, ...rel.split('/'));
    try {
      const real = fs.realpathSync(lexicalHost);
      return this.inside(real) ? { ok: true, host: real, rel } : { ok: false, shown, why: 'outside' };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' && (e as NodeJS.ErrnoException).code !== 'ENOTDIR') return { ok: false, shown, why: 'not-found' };
    }
    // Missing: a dangling symlink could point anywhere, so it never counts as "missing".
    try {
      fs.lstatSync(lexicalHost);
      return { ok: false, shown, why: 'outside' };
    } catch {
      /* truly absent */
    }
    if (!forCreate || rel === '') return { ok: false, shown, why: 'not-found' };
    try {
      const parent = fs.realpathSync(path.dirname(lexicalHost));
      if (!this.inside(parent)) return { ok: false, shown, why: 'outside' };
      return { ok: true, host: path.join(parent, path.basename(lexicalHost)), rel };
    } catch {
      return { ok: false, shown, why: 'not-found' };
    }
  }

  /** Whether a symlink created at `linkRel` with text `target` would stay inside the workspace (lexically). */
  symlinkStaysInside(linkRel: string, target: string): boolean {
    if (target.startsWith('/')) return false;
    return this.lexical(path.posix.dirname(linkRel), target) !== undefined;
  }
}
