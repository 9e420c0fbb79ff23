import * as fs from 'node:fs';
import type { FsCapability } from '../types';
import { ProtectedPaths } from './protectedPaths';
import { WorkspaceJail, type Resolution, type ResolveMode } from './workspaceJail';

/**
 * The capability state of one plugin instance, shared by the WASI preview1 (core modules)
 * and WASI 0.2 (components) implementations: which paths may be opened and how, which
 * environment variables exist, where output goes, and what was denied.
 */

export type Access = 'read' | 'write';

export interface Denial {
  access: Access;
  /** The path as the plugin asked for it. */
  path: string;
  /**
   * `capability`: a grant would allow it; `outside`: nothing ever allows it; `protected`: a
   * file no plugin may write (trust.md §3); `linked`: a write through a hard link; `untrusted`:
   * `fs = "write"` is granted but withheld because the workspace is not trusted (trust.md §1).
   */
  why: 'capability' | 'outside' | 'protected' | 'linked' | 'untrusted';
}

export interface SandboxSettings {
  workspaceRoot: string;
  fs: FsCapability;
  /** Granted variables present in the host environment (name → value). */
  env: [string, string][];
  /** Absolute paths hielements.toml names (plugin modules, programs, scripts): never written. */
  protectedFiles?: string[];
  /** Absolute folders nothing below which is written (the user's Hielements configuration). */
  protectedFolders?: string[];
  /** `fs = "write"` was granted but is served as `read` (untrusted workspace). */
  writeWithheld?: boolean;
}

export type OpenResult = Resolution | { ok: false; shown: string; why: 'denied' };

const MAX_LOG_LINES_PER_REQUEST = 200;
const MAX_LOG_LINE = 4000;
/** Host file descriptors one plugin instance may hold at once. */
export const MAX_OPEN_FILES = 64;

/** Guest path of the workspace preopen. */
export const GUEST_WORKSPACE = '/workspace';

export class Sandbox {
  readonly jail: WorkspaceJail;
  readonly denials: Denial[] = [];
  private readonly protection: ProtectedPaths;

  constructor(
    readonly settings: SandboxSettings,
    private readonly emit: (stream: 'stdout' | 'stderr', line: string) => void,
  ) {
    this.jail = new WorkspaceJail(settings.workspaceRoot);
    this.protection = new ProtectedPaths(this.jail.realRoot, settings.protectedFiles, settings.protectedFolders);
  }

  get fs(): FsCapability {
    return this.settings.fs;
  }

  private deny(access: Access, path: string, why: Denial['why']): OpenResult {
    this.denials.push({ access, path, why });
    return { ok: false, shown: path, why: 'denied' };
  }

  /**
   * The one gate for every path-based operation. `dirRel` is the directory the plugin's
   * descriptor stands for (relative to the workspace), `guestPath` what it asked for.
   * A path outside the workspace is refused as such before capabilities are looked at: no
   * grant would allow it, so none is suggested (trust.md §3).
   */
  open(dirRel: string, guestPath: string, access: Access, mode: ResolveMode = 'follow'): OpenResult {
    const lexical = this.jail.lexical(dirRel, guestPath);
    if (lexical === undefined && !guestPath.includes('\0')) return this.deny(access, guestPath, 'outside');
    const shown = lexical ?? guestPath;
    if (this.fs === 'none') return this.deny(access, shown, 'capability');
    if (access === 'write' && this.fs !== 'write') return this.deny('write', shown, this.settings.writeWithheld ? 'untrusted' : 'capability');
    if (access === 'write' && lexical !== undefined && this.protection.coversHost(this.jail.hostOf(lexical))) return this.deny('write', shown, 'protected');
    const r = this.jail.resolve(dirRel, guestPath, mode);
    if (!r.ok && r.why === 'outside') return this.deny(access, guestPath, 'outside');
    // the real path too: a symlink inside the workspace may lead to a protected file
    if (r.ok && access === 'write' && this.protection.coversHost(r.host)) return this.deny('write', shown, 'protected');
    return r;
  }

  /**
   * Opens a host file the gate allowed. A write never goes through a hard link (trust.md §3):
   * a file with more than one link may have its other name outside the workspace, so it is
   * refused (checked on the open descriptor, before any truncation). Returns the host fd, or
   * `undefined` when refused (the denial is recorded). Throws the OS error otherwise.
   */
  openFile(r: { host: string; rel: string }, write: boolean, create: boolean, truncate: boolean): number | undefined {
    const flags = write ? fs.constants.O_RDWR | (create ? fs.constants.O_CREAT : 0) : fs.constants.O_RDONLY;
    const fd = fs.openSync(r.host, flags | fs.constants.O_NOFOLLOW);
    if (!write) return fd;
    try {
      const st = fs.fstatSync(fd);
      if (st.isFile() && st.nlink > 1) {
        fs.closeSync(fd);
        this.denials.push({ access: 'write', path: r.rel, why: 'linked' });
        return undefined;
      }
      if (truncate) fs.ftruncateSync(fd, 0);
      return fd;
    } catch (e) {
      fs.closeSync(fd);
      throw e;
    }
  }

  /** Whether the entry at `from` (already allowed by the gate) may be renamed: nothing protected moves with it. */
  mayMove(from: { host: string; rel: string }): boolean {
    if (!this.protection.treeHolds(from.host)) return true;
    this.denials.push({ access: 'write', path: from.rel, why: 'protected' });
    return false;
  }

  /** Whether a directory listing / stat of the descriptor itself is allowed. */
  mayInspect(dirRel: string): boolean {
    if (this.fs !== 'none') return true;
    this.deny('read', dirRel || '.', 'capability');
    return false;
  }

  private readonly pending = { stdout: '', stderr: '' };
  private linesThisRequest = 0;

  private line(stream: 'stdout' | 'stderr', line: string): void {
    this.linesThisRequest++;
    if (this.linesThisRequest <= MAX_LOG_LINES_PER_REQUEST) this.emit(stream, line.length > MAX_LOG_LINE ? `${line.slice(0, MAX_LOG_LINE)}…` : line);
    else if (this.linesThisRequest === MAX_LOG_LINES_PER_REQUEST + 1) this.emit('stderr', `[further output of this call dropped]`);
  }

  /** Plugin output: complete lines go to the log at once, the rest at `flush()`. */
  write(stream: 'stdout' | 'stderr', text: string): void {
    const all = this.pending[stream] + text;
    const lines = all.split('\n');
    this.pending[stream] = lines.pop() ?? '';
    if (this.pending[stream].length > MAX_LOG_LINE) {
      lines.push(this.pending[stream]);
      this.pending[stream] = '';
    }
    for (const line of lines) this.line(stream, line);
  }

  /** End of a request: emit partial lines, reset the output budget. */
  flush(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.pending[stream] !== '') this.line(stream, this.pending[stream]);
      this.pending[stream] = '';
    }
    this.linesThisRequest = 0;
  }

  /** Denials since the last call, each distinct one once (and forget them). */
  takeDenials(): Denial[] {
    const seen = new Set<string>();
    return this.denials.splice(0, this.denials.length).filter((d) => {
      const key = `${d.access}\0${d.path}\0${d.why}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  private openCount = 0;

  /** Bound the host files one instance may hold open (else a plugin could exhaust the server's). */
  reserveHandle(): boolean {
    if (this.openCount >= MAX_OPEN_FILES) return false;
    this.openCount++;
    return true;
  }

  releaseHandle(): void {
    if (this.openCount > 0) this.openCount--;
  }
}

/** Thrown by `proc_exit` / `wasi:cli/exit`: ends the call, never the host. */
export class PluginExit extends Error {
  constructor(readonly code: number) {
    super(`plugin called exit(${code})`);
    this.name = 'PluginExit';
  }
}
