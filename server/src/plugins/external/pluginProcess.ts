/**
 * One running plugin process: spawn, one-line request/response exchange with timeout
 * and cancellation, stderr draining, shutdown. Knows nothing about JSON-RPC contents
 * beyond a reply's `id`.
 *
 * Protocol state rules: at most one request is outstanding; a reply is the first line whose
 * id is the request's (a line without a readable id is taken as the reply, and fails to
 * parse); a line with another id, or one that arrives while no request is outstanding, is
 * surplus (logged, bounded, dropped). A reply over the size limit is an error and stops the
 * process; a request that times out or is cancelled stops it too, because its late answer
 * would otherwise be read as the answer to the next request. The plugin runs in its own
 * process group, which is killed when it stops (trust.md §4). Pipes are unref'd while idle
 * so a forgotten plugin never keeps the host alive.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { LibraryError } from '../../libraries/library';
import { LineSplitter, DEFAULT_MAX_LINE_BYTES } from './lineSplitter';
import { StderrDrain } from './stderrDrain';
import { CODES } from '../host/codes';
import { killGroup, releaseGroup, trackGroup, USE_PROCESS_GROUPS } from './processGroup';
import { responseIdText } from './rpcMessages';

/**
 * node:child_process, loaded when the first plugin process starts: loading it (with net, dgram
 * and friends) costs a `run` without external plugins several milliseconds of cold start.
 */
const childProcess = (): typeof import('node:child_process') => require('node:child_process') as typeof import('node:child_process');

/** How long shutdown waits for the process to be gone after SIGKILL before giving up on it. */
const REAP_WAIT_MS = 2000;
/** Surplus lines logged per process (the rest are dropped silently). */
const MAX_SURPLUS_LOGGED = 20;

export interface PluginProcessOptions {
  /** Library name, used in messages. */
  name: string;
  program: string;
  args: string[];
  log: (message: string) => void;
  cwd?: string;
  maxLineBytes?: number;
}

export interface RequestOptions {
  /** The JSON-RPC id of the request: only a line with this id answers it. */
  id?: number;
  timeoutMs: number;
  signal?: AbortSignal;
  /** What is being asked, for timeout messages, e.g. `'check' ok`. */
  what: string;
}

interface Pending {
  id: string | undefined;
  resolve: (line: string) => void;
  reject: (err: Error) => void;
}

/** `1 MiB (1048576 bytes)`. */
function sizeText(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  const unit = Number.isInteger(mib) ? `${mib} MiB` : Number.isInteger(bytes / 1024) ? `${bytes / 1024} KiB` : `${bytes} bytes`;
  return unit.endsWith('bytes') ? unit : `${unit} (${bytes} bytes)`;
}

export class PluginProcess {
  private child: ChildProcessWithoutNullStreams | undefined;
  private pending: Pending | undefined;
  private exited = false;
  private killed = false;
  private stdoutEnded = false;
  private exitPromise: Promise<void> = Promise.resolve();
  private ignoredLines = 0;
  /** Lines with an id other than the pending request's, since the last request began. */
  private strayReplies = 0;
  /** The plugin's process group may still hold processes (cleared once the leader exited and the group was killed). */
  private groupOpen = false;

  constructor(private readonly options: PluginProcessOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Spawned, not exited, stdout still open. */
  get alive(): boolean {
    return this.child !== undefined && !this.exited && !this.killed && !this.stdoutEnded;
  }

  /** Spawn; resolves once the OS started the program, rejects with E500 otherwise. */
  start(): Promise<void> {
    const { name, program, args, cwd } = this.options;
    return new Promise<void>((resolve, reject) => {
      let child: ChildProcessWithoutNullStreams;
      try {
        child = childProcess().spawn(program, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true, detached: USE_PROCESS_GROUPS });
      } catch (e) {
        reject(new LibraryError('E500', `Failed to start external library '${name}': ${(e as Error).message}`));
        return;
      }
      this.child = child;
      this.exitPromise = new Promise<void>((done) => child.once('exit', () => done()));
      child.on('error', (err) => {
        if (child.pid === undefined) {
          this.exited = true;
          reject(new LibraryError('E500', `Failed to start external library '${name}': ${err.message}`));
        } else {
          this.options.log(`[${name}] process error: ${err.message}`);
        }
      });
      child.once('spawn', () => {
        trackGroup(child.pid!);
        this.groupOpen = true;
        this.wire(child);
        this.setRef(false);
        resolve();
      });
    });
  }

  private wire(child: ChildProcessWithoutNullStreams): void {
    const { name, log } = this.options;
    const limit = this.options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    const splitter = new LineSplitter({
      maxLineBytes: limit,
      onLine: (line) => this.onLine(line),
      onOverflow: () => this.overflow(limit),
    });
    const drain = new StderrDrain(`[${name}] `, log);
    child.stdout.on('data', (chunk: Buffer) => splitter.push(chunk));
    child.stdout.on('end', () => {
      this.stdoutEnded = true;
      const rest = splitter.end();
      // EOF: the reference reads what is left (possibly nothing) as the response line
      this.settle(rest ?? '');
    });
    child.stderr.on('data', (chunk: Buffer) => drain.push(chunk));
    child.stderr.on('end', () => drain.end());
    child.stdin.on('error', (err) => this.fail(new LibraryError('E503', `Failed to write to external process: ${err.message}`)));
    child.stdout.on('error', (err) => this.fail(new LibraryError('E505', `Failed to read from external process: ${err.message}`)));
    child.stderr.on('error', () => undefined);
    child.once('exit', (code, signal) => {
      this.exited = true;
      this.closeGroup(child.pid!);
      if (code !== 0 && code !== null) log(`[${name}] exited with code ${code}`);
      else if (signal && signal !== 'SIGKILL') log(`[${name}] terminated by ${signal}`);
    });
  }

  private onLine(line: string): void {
    if (line.trim() === '') return; // blank lines are not responses (deliberate: the reference fails on them)
    const pending = this.pending;
    if (!pending) return this.surplus(`ignored output outside a request: ${line.slice(0, 200)}`);
    const id = pending.id === undefined ? undefined : responseIdText(line);
    if (id !== undefined && id !== pending.id) {
      this.strayReplies++;
      return this.surplus(`ignored a reply with id ${id.slice(0, 20)}: the request waiting for an answer has id ${pending.id}`);
    }
    this.settle(line);
  }

  /** Bounded: a plugin spamming stdout must not flood the log. */
  private surplus(note: string): void {
    if (++this.ignoredLines <= MAX_SURPLUS_LOGGED) this.options.log(`[${this.options.name}] ${note}`);
    else if (this.ignoredLines === MAX_SURPLUS_LOGGED + 1) this.options.log(`[${this.options.name}] (further surplus output is dropped without notice)`);
  }

  /** A reply over the limit: an error naming the limit; the process is stopped (its stream is out of step). */
  private overflow(limit: number): void {
    const err = new LibraryError('E505', `Failed to read from external process: the reply is larger than the limit of ${sizeText(limit)}; the process was stopped`);
    if (this.pending) this.fail(err);
    else {
      this.surplus(`output outside a request over the limit of ${sizeText(limit)}: the process was stopped`);
      this.kill();
    }
  }

  private settle(line: string): void {
    const p = this.pending;
    this.pending = undefined;
    p?.resolve(line);
  }

  private fail(err: Error): void {
    const p = this.pending;
    this.pending = undefined;
    if (p) {
      this.kill();
      p.reject(err);
    }
  }

  /** Write one line and wait for the answer line. The caller serialises requests. */
  request(line: string, options: RequestOptions): Promise<string> {
    const child = this.child;
    if (!child || !this.alive) return Promise.reject(new LibraryError('E505', 'Failed to read from external process: the process is not running'));
    if (this.pending) return Promise.reject(new Error('PluginProcess: overlapping requests'));
    const { name } = this.options;
    this.strayReplies = 0;
    return new Promise<string>((resolve, reject) => {
      const cleanup = (): void => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        this.setRef(false);
      };
      const onAbort = (): void =>
        this.fail(new LibraryError(CODES.cancelled, `Call to external library '${name}' was cancelled (${options.what}); the process was stopped`));
      const timer = setTimeout(() => {
        const stray = this.strayReplies > 0 ? ` (it sent ${this.strayReplies} ${this.strayReplies === 1 ? 'reply' : 'replies'} with another id)` : '';
        this.fail(new LibraryError(CODES.timeout, `External library '${name}' did not answer ${options.what} within ${options.timeoutMs} ms${stray}; the process was stopped`));
      }, options.timeoutMs);
      this.pending = {
        id: options.id === undefined ? undefined : String(options.id),
        resolve: (l) => {
          cleanup();
          resolve(l);
        },
        reject: (e) => {
          cleanup();
          reject(e);
        },
      };
      this.setRef(true);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      if (options.signal?.aborted) {
        onAbort();
        return;
      }
      child.stdin.write(line + '\n', (err) => {
        if (err) this.fail(new LibraryError('E503', `Failed to write to external process: ${err.message}`));
      });
    });
  }

  /** Kill now (SIGKILL to its whole process group) without waiting. */
  kill(): void {
    this.killed = true;
    const pid = this.child?.pid;
    // once the group is released its id may belong to someone else: never signal it again
    if (pid !== undefined && this.groupOpen) killGroup(pid);
  }

  /** The leader is gone: whatever it left in its group goes too, and the group id is never used again. */
  private closeGroup(pid: number): void {
    if (!this.groupOpen) return;
    killGroup(pid);
    releaseGroup(pid);
    this.groupOpen = false;
  }

  /**
   * Close stdin, give the plugin `graceMs` to exit, then kill its process group — always,
   * since children it left behind may still hold its pipes — and wait (bounded) until it
   * is gone. Timers here keep the event loop alive: a host must not end mid-shutdown.
   */
  async shutdown(graceMs = 100): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.killed = true; // not usable any more, whatever happens next
    if (!this.exited) {
      // keep the event loop alive until the child is gone (its handles are unref'd while idle)
      this.setRef(true);
      child.stdin.end();
      await within(this.exitPromise, graceMs);
    }
    this.kill();
    if (!this.exited) await within(this.exitPromise, REAP_WAIT_MS);
    for (const stream of [child.stdout, child.stderr]) stream.destroy();
    this.setRef(false);
  }

  private setRef(on: boolean): void {
    const c = this.child;
    if (!c) return;
    const items = [c, c.stdin, c.stdout, c.stderr] as Array<{ ref?: () => void; unref?: () => void }>;
    for (const item of items) (on ? item.ref : item.unref)?.call(item);
  }
}

/** Resolves when `p` settles or after `ms`, whichever comes first (the timer is cleared; it holds the event loop meanwhile). */
function within(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p.then(() => undefined), new Promise<void>((r) => (timer = setTimeout(r, ms)))]).finally(() => clearTimeout(timer));
}
