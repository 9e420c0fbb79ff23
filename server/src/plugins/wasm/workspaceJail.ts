import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Resolves guest paths (relative to a directory inside the workspace) to host paths,
 * refusing anything that lands outside the workspace: `..` walks, absolute paths and
 * symlinks (file or directory, relative or absolute) whose real path is outside.
 *
 * Each open is checked lexically and then with `realpath`, and the host then opens the
 * real path it checked. Known limits (documented in plugins/README.md): a read follows a
 * hard link to an outside file (a path check cannot see it; writes through hard links are
 * refused by `Sandbox.openFile`), and a concurrent local process could swap a path between
 * the check and the open (Node has no openat2).
 */

export type Resolution =
  | { ok: true; /** Real host path. */ host: string; /** Normalised path relative to the workspace root ('' = root). */ rel: string }
  | { ok: false; /** Path as the plugin gave it (for messages). */ shown: string; why: 'outside' | 'invalid' | 'not-found' };

/**
 * How the final path component is treated: `follow` (it must exist; symlinks followed),
 * `create` (like follow, but it may be missing: then its real parent is used), `entry`
 * (never followed: the directory entry itself, for unlink/rename/mkdir/symlink).
 */
export type ResolveMode = 'follow' | 'create' | 'entry';

export class WorkspaceJail {
  readonly realRoot: string;

  constructor(root: string) {
    this.realRoot = fs.realpathSync(root);
  }

  private inside(real: string): boolean {
    return real === this.realRoot || real.startsWith(this.realRoot + path.sep);
  }

  /** Host path of a normalised workspace-relative path, without following anything. */
  hostOf(rel: string): string {
    return rel === '' ? this.realRoot : path.join(this.realRoot, ...rel.split('/'));
  }

  /** Lexical step: '' for the root, undefined when the path escapes or is absolute. */
  lexical(dirRel: string, guestPath: string): string | undefined {
    if (guestPath.includes('\0') || guestPath.startsWith('/')) return undefined;
    const joined = path.posix.normalize(path.posix.join(dirRel || '.', guestPath || '.'));
    if (joined === '..' || joined.startsWith('../') || joined.startsWith('/')) return undefined;
    return joined === '.' ? '' : joined.replace(/\/$/, '');
  }

  resolve(dirRel: string, guestPath: string, mode: ResolveMode = 'follow'): Resolution {
    const shown = guestPath;
    const rel = this.lexical(dirRel, guestPath);
    if (rel === undefined) return { ok: false, shown, why: guestPath.includes('\0') ? 'invalid' : 'outside' };
    if (mode === 'entry') return this.entry(rel, shown);
    const forCreate = mode === 'create';
    const lexicalHost = this.hostOf(rel);
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
    // Missing paths below a symlink that leads outside are "outside" too (no existence oracle).
    if (!this.inside(this.realAncestor(lexicalHost))) return { ok: false, shown, why: 'outside' };
    if (!forCreate || rel === '') return { ok: false, shown, why: 'not-found' };
    try {
      const parent = fs.realpathSync(path.dirname(lexicalHost));
      if (!this.inside(parent)) return { ok: false, shown, why: 'outside' };
      return { ok: true, host: path.join(parent, path.basename(lexicalHost)), rel };
    } catch {
      return { ok: false, shown, why: 'not-found' };
    }
  }

  /** The directory entry `rel` itself: its parent must really be inside; the entry is not followed. */
  private entry(rel: string, shown: string): Resolution {
    if (rel === '') return { ok: false, shown, why: 'invalid' };
    const parentRel = path.posix.dirname(rel);
    const parent = this.resolve('', parentRel === '.' ? '' : parentRel);
    if (!parent.ok) return { ok: false, shown, why: parent.why };
    return { ok: true, host: path.join(parent.host, path.posix.basename(rel)), rel };
  }

  /** Real path of the deepest existing ancestor of a host path. */
  private realAncestor(p: string): string {
    for (let dir = path.dirname(p); ; dir = path.dirname(dir)) {
      try {
        return fs.realpathSync(dir);
      } catch {
        if (path.dirname(dir) === dir) return dir;
      }
    }
  }

  /**
   * Whether a symlink about to be created at real path `linkHost` with text `target` stays
   * inside: relative, lexically inside from the link's real folder, and (when the target
   * exists) really inside.
   */
  symlinkStaysInside(linkHost: string, target: string): boolean {
    if (target.startsWith('/') || target.includes('\0')) return false;
    const realDir = path.relative(this.realRoot, path.dirname(linkHost)).split(path.sep).join('/');
    if (realDir.startsWith('..')) return false;
    if (this.lexical(realDir, target) === undefined) return false;
    const r = this.resolve(realDir, target);
    return r.ok || r.why !== 'outside';
  }
}
