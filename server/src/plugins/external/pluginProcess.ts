/**
 * One running plugin process: spawn, one-line request/response exchange with timeout
 * and cancellation, stderr draining, shutdown. Knows nothing about JSON-RPC contents.
 *
 * Protocol state rules: at most one request is outstanding; a line that arrives while
 * none is outstanding is surplus (logged, dropped); a request that times out or is
 * cancelled kills the process, because its late answer would be read as the answer to
 * the next request. Pipes are unref'd while idle so a forgotten plugin never keeps the
 * host alive; live children are killed when the host process exits.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { LibraryError } from '../../libraries/library';
import { LineSplitter, DEFAULT_MAX_LINE_BYTES } from './lineSplitter';
import { StderrDrain } from './stderrDrain';
import { CODES } from '../host/codes';

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
  timeoutMs: number;
  signal?: AbortSignal;
  /** What is being asked, for timeout messages, e.g. `'check' ok`. */
  what: string;
}

interface Pending {
  resolve: (line: string) => void;
  reject: (err: Error) => void;
}

const liveChildren = new Set<ChildProcessWithoutNullStreams>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of liveChildren) child.kill('SIGKILL');
  });
}

export class PluginProcess {
  private child: ChildProcessWithoutNullStreams | undefined;
  private pending: Pending | undefined;
  private exited = false;
  private killed = false;
  private stdoutEnded = false;
  private exitPromise: Promise<void> = Promise.resolve();
  private ignoredLines = 0;

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
        child = spawn(program, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
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
        liveChildren.add(child);
        installExitHook();
        this.wire(child);
        this.setRef(false);
        resolve();
      });
    });
  }

  private wire(child: ChildProcessWithoutNullStreams): void {
    const { name, log } = this.options;
    const splitter = new LineSplitter({
      maxLineBytes: this.options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
      onLine: (line) => this.onLine(line),
      onOverflow: (bytes) => this.fail(new LibraryError('E505', `Failed to read from external process: response line longer than ${bytes - 1} bytes`)),
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
      liveChildren.delete(child);
      if (code !== 0 && code !== null) log(`[${name}] exited with code ${code}`);
      else if (signal && signal !== 'SIGKILL') log(`[${name}] terminated by ${signal}`);
    });
  }

  private onLine(line: string): void {
    if (line.trim() === '') return; // blank lines are not responses (deliberate: the reference fails on them)
    if (!this.pending) {
      // bounded: a plugin spamming stdout must not flood the log
      if (++this.ignoredLines <= 20) this.options.log(`[${this.options.name}] ignored output outside a request: ${line.slice(0, 200)}`);
      return;
    }
    this.settle(line);
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
    return new Promise<string>((resolve, reject) => {
      const cleanup = (): void => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        this.setRef(false);
      };
      const onAbort = (): void =>
        this.fail(new LibraryError(CODES.cancelled, `Call to external library '${name}' was cancelled (${options.what}); the process was stopped`));
      const timer = setTimeout(
        () => this.fail(new LibraryError(CODES.timeout, `External library '${name}' did not answer ${options.what} within ${options.timeoutMs} ms; the process was stopped`)),
        options.timeoutMs,
      );
      this.pending = {
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

  /** Kill now (SIGKILL) without waiting. */
  kill(): void {
    this.killed = true;
    if (this.child && !this.exited) this.child.kill('SIGKILL');
  }

  /** Close stdin, give the plugin `graceMs` to exit, then kill; resolves once it is gone. */
  async shutdown(graceMs = 100): Promise<void> {
    const child = this.child;
    if (!child || this.exited) return;
    this.killed = true; // not usable any more, whatever happens next
    // Keep the event loop alive until the child is gone: with its handles unref'd (idle), a
    // plugin slower to exit than the grace period let the CLI exit 0 before printing anything.
    this.setRef(true);
    child.stdin.end();
    const exited = await Promise.race([this.exitPromise.then(() => true), delay(graceMs).then(() => false)]);
    if (!exited) {
      this.kill();
      await this.exitPromise;
    }
  }

  private setRef(on: boolean): void {
    const c = this.child;
    if (!c) return;
    const items = [c, c.stdin, c.stdout, c.stderr] as Array<{ ref?: () => void; unref?: () => void }>;
    for (const item of items) (on ? item.ref : item.unref)?.call(item);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
