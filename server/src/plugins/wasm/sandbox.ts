import type { FsCapability } from '../types';
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
  /** `capability`: a grant would allow it; `outside`: nothing ever allows it. */
  why: 'capability' | 'outside';
}

export interface SandboxSettings {
  workspaceRoot: string;
  fs: FsCapability;
  /** Granted variables present in the host environment (name → value). */
  env: [string, string][];
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

  constructor(
    readonly settings: SandboxSettings,
    private readonly emit: (stream: 'stdout' | 'stderr', line: string) => void,
  ) {
    this.jail = new WorkspaceJail(settings.workspaceRoot);
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
   */
  open(dirRel: string, guestPath: string, access: Access, mode: ResolveMode = 'follow'): OpenResult {
    const shown = this.jail.lexical(dirRel, guestPath) ?? guestPath;
    if (this.fs === 'none') return this.deny(access, shown, 'capability');
    if (access === 'write' && this.fs !== 'write') return this.deny('write', shown, 'capability');
    const r = this.jail.resolve(dirRel, guestPath, mode);
    if (!r.ok && r.why === 'outside') return this.deny(access, guestPath, 'outside');
    return r;
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
