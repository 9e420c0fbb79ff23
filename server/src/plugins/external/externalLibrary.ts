/**
 * A library served by an external process over newline-delimited JSON-RPC 2.0
 * (plugins.md §3). Same wire behaviour as the reference — lazy spawn on the first call,
 * ids 1, 2, … per process, strictly sequential requests — plus: a per-request timeout,
 * cancellation, replies matched by id, bounded replies and stderr (trust.md §4), restart of
 * a dead or desynchronised process on the next call, stderr to the log, documentation via
 * `library.doc` / `library.metadata` in a temporary process.
 */
import type { Value } from '../../eval/values';
import type { ExternalLibraryConfig } from '../types';
import { LibraryError, type CallContext, type CheckOutcome, type Library, type LibraryDoc } from '../../libraries/library';
import { CODES } from '../host/codes';
import type { JsonValue } from './jsonText';
import { PluginProcess } from './pluginProcess';
import { callParams, parseResponse, requestLine, type RpcMethod } from './rpcMessages';
import { decodeCallResult, decodeCheckResult } from './valueJson';
import { docFromMetadata, docFromResult, fallbackDoc } from './libraryDoc';

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface ExternalLibraryOptions {
  name: string;
  program: string;
  args?: string[];
  /** Per-request timeout; default 10 000 ms. */
  timeoutMs?: number;
  /** Receives plugin stderr lines and lifecycle notes. */
  log?: (message: string) => void;
  /** Working directory of the plugin; default: the host's (like the reference). */
  cwd?: string;
  /** Cap on one response line (bytes); default 1 MiB. */
  maxLineBytes?: number;
  /** Time a plugin gets to exit after its stdin is closed, before it is killed; default 100 ms. */
  shutdownGraceMs?: number;
}

export class ExternalLibrary implements Library {
  readonly kind = 'external' as const;
  readonly name: string;
  private process: PluginProcess | undefined;
  private nextId = 1;
  /** Settles when the last queued call is done; never rejects. */
  private queue: Promise<void> = Promise.resolve();
  private docPromise: Promise<LibraryDoc> | undefined;
  private readonly timeoutMs: number;
  private readonly log: (message: string) => void;

  constructor(private readonly options: ExternalLibraryOptions) {
    this.name = options.name;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.log = options.log ?? (() => undefined);
  }

  static fromConfig(config: ExternalLibraryConfig, options: Omit<ExternalLibraryOptions, 'name' | 'program' | 'args' | 'timeoutMs'> = {}): ExternalLibrary {
    return new ExternalLibrary({ ...options, name: config.name, program: config.program, args: config.args, timeoutMs: config.timeoutMs });
  }

  /** PID of the running plugin process, if any. */
  get pid(): number | undefined {
    return this.process?.alive ? this.process.pid : undefined;
  }

  async call(fn: string, args: Value[], ctx: CallContext): Promise<Value> {
    const result = await this.exchange('library.call', fn, args, ctx);
    return decodeCallResult(result);
  }

  async check(fn: string, args: Value[], ctx: CallContext): Promise<CheckOutcome> {
    try {
      return decodeCheckResult(await this.exchange('library.check', fn, args, ctx));
    } catch (e) {
      if (e instanceof LibraryError) return { status: 'error', message: e.message, code: e.code };
      throw e;
    }
  }

  doc(): Promise<LibraryDoc> {
    this.docPromise ??= this.fetchDoc();
    return this.docPromise;
  }

  async dispose(): Promise<void> {
    const proc = this.process;
    this.process = undefined;
    await proc?.shutdown(this.options.shutdownGraceMs);
  }

  private async exchange(method: RpcMethod, fn: string, args: Value[], ctx: CallContext): Promise<JsonValue> {
    const cancelled = (): LibraryError => new LibraryError(CODES.cancelled, `Call to external library '${this.name}' was cancelled (${method} '${fn}')`);
    // one request at a time; a call cancelled while it waits leaves the line at once
    const previous = this.queue;
    let release!: () => void;
    this.queue = previous.then(() => new Promise<void>((r) => (release = r)));
    try {
      await untilDoneOrAborted(previous, ctx.signal);
      if (ctx.signal?.aborted) throw cancelled();
      const proc = await this.runningProcess();
      const id = this.nextId++;
      const line = requestLine(method, callParams(fn, args, ctx.workspace), id);
      const response = await proc.request(line, { id, timeoutMs: this.timeoutMs, signal: ctx.signal, what: `${method} '${fn}'` });
      return decodeResponse(proc, response);
    } finally {
      // `release` is assigned once `previous` settles; settle our slot either way
      void previous.then(() => release());
    }
  }

  /** The live process, spawning (again) when there is none or it died; ids restart at 1 per process. */
  private async runningProcess(): Promise<PluginProcess> {
    if (this.process?.alive) return this.process;
    if (this.process) {
      this.process.kill();
      this.log(`[${this.name}] restarting the plugin process`);
    }
    const proc = this.newProcess();
    this.process = undefined;
    await proc.start();
    this.process = proc;
    this.nextId = 1;
    return proc;
  }

  private newProcess(): PluginProcess {
    const { name, program, args = [], cwd, maxLineBytes } = this.options;
    return new PluginProcess({ name, program, args, cwd, maxLineBytes, log: this.log });
  }

  private async fetchDoc(): Promise<LibraryDoc> {
    const fallback = fallbackDoc(this.name, this.options.program);
    const proc = this.newProcess();
    try {
      await proc.start();
      const ask = async (method: RpcMethod, id: number): Promise<JsonValue | undefined> => {
        if (!proc.alive) return undefined;
        try {
          const params = method === 'library.doc' ? '{}' : undefined;
          const response = await proc.request(requestLine(method, params, id), { id, timeoutMs: this.timeoutMs, what: method });
          return decodeResponse(proc, response);
        } catch (e) {
          if (e instanceof LibraryError) return undefined;
          throw e;
        }
      };
      const doc = await ask('library.doc', 1);
      const fromDoc = doc === undefined ? undefined : docFromResult(doc);
      if (fromDoc) return fromDoc;
      const meta = await ask('library.metadata', 2);
      return (meta === undefined ? undefined : docFromMetadata(meta, fallback.description)) ?? fallback;
    } catch (e) {
      if (e instanceof LibraryError) return fallback;
      throw e;
    } finally {
      await proc.shutdown(this.options.shutdownGraceMs);
    }
  }
}

/** Resolves when `p` settles or `signal` aborts, whichever comes first. */
function untilDoneOrAborted(p: Promise<unknown>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return p.then(() => undefined);
  if (signal.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const onAbort = (): void => resolve();
    signal.addEventListener('abort', onAbort, { once: true });
    void p.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}

/** Parse a response; a line that is not a JSON-RPC response means the stream is out of step, so the process is stopped. */
function decodeResponse(proc: PluginProcess, line: string): JsonValue {
  try {
    return parseResponse(line);
  } catch (e) {
    if (e instanceof LibraryError && e.code === 'E506') proc.kill();
    throw e;
  }
}
