import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { LibraryError } from '../../libraries/library';
import type { Request } from './pluginInstance';
import type { Denial } from './sandbox';
import { WasmErrorCode } from './valueJson';
import type { HostMessage, Outcome, WorkerInit, WorkerMessage } from './workerProtocol';

/**
 * Host side of one plugin's worker thread: started on first use, one batch of requests
 * at a time, terminated when a batch runs past its time budget (the next batch starts a
 * fresh worker and so a fresh instance).
 */

/** Extra time allowed for starting the worker and instantiating the plugin (a JS component takes ~1 s). */
const STARTUP_GRACE_MS = 30_000;

export interface BatchResult {
  outcomes: Outcome[];
  denials: Denial[];
}

export class PluginWorker {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  /** The current worker has said it is ready. */
  private started = false;
  private nextId = 1;
  private pending = new Map<number, { resolve: (r: BatchResult) => void; reject: (e: Error) => void }>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly init: WorkerInit,
    private readonly timeoutMs: number,
    private readonly log: (message: string) => void,
  ) {}

  /**
   * Run requests in order; the batch's budget is `timeoutMs` per request. An abort of
   * `signal` stops the worker (the plugin may be mid-loop) and fails the batch.
   */
  run(requests: Request[], signal?: AbortSignal): Promise<BatchResult> {
    const result = this.queue.then(() => this.runNow(requests, signal));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private start(): Promise<void> {
    const worker = new Worker(path.join(__dirname, 'worker.js'), {
      workerData: this.init,
      env: Object.fromEntries(this.init.env),
      argv: [],
      execArgv: [],
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    this.worker = worker;
    const prefix = `[wasm:${this.init.library}]`;
    // Whatever the worker's JS writes goes to the log, never to our stdout (the LSP stream).
    worker.stdout.on('data', (d: Buffer) => this.log(`${prefix} ${d.toString('utf8').trimEnd()}`));
    worker.stderr.on('data', (d: Buffer) => this.log(`${prefix} ${d.toString('utf8').trimEnd()}`));
    const ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'ready') resolve();
        else if (m.type === 'log') this.log(`${prefix} ${m.stream}: ${m.line}`);
        else {
          const p = this.pending.get(m.id);
          this.pending.delete(m.id);
          if (m.restart) void this.dispose();
          p?.resolve({ outcomes: m.outcomes, denials: m.denials });
        }
      });
      const fail = (e: Error) => {
        if (this.worker === worker) this.worker = undefined;
        reject(e);
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      };
      worker.on('error', (e) => fail(new LibraryError(WasmErrorCode.trap, `WASM library \`${this.init.library}\` worker failed: ${e.message}`)));
      worker.on('exit', (code) => fail(new LibraryError(WasmErrorCode.trap, `WASM library \`${this.init.library}\` worker exited (code ${code})`)));
    });
    ready.catch(() => undefined);
    return ready;
  }

  private async runNow(requests: Request[], signal: AbortSignal | undefined): Promise<BatchResult> {
    const cancelled = () => new LibraryError(WasmErrorCode.timeout, `WASM library \`${this.init.library}\`: call cancelled`);
    if (signal?.aborted) throw cancelled();
    if (!signal) return this.runUncancellable(requests);
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        reject(cancelled());
        void this.dispose();
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([this.runUncancellable(requests), aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort!);
    }
  }

  private async runUncancellable(requests: Request[]): Promise<BatchResult> {
    if (!this.worker) {
      this.started = false;
      this.ready = this.start();
    }
    const worker = this.worker!;
    if (!this.started) {
      // only the first call waits for startup (a timer per call costs more than the call itself)
      await this.withTimeout(this.ready!, this.timeoutMs + STARTUP_GRACE_MS, 'starting');
      this.started = this.worker === worker;
    }
    const id = this.nextId++;
    const reply = new Promise<BatchResult>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    worker.postMessage({ id, requests } satisfies HostMessage);
    return this.withTimeout(reply, this.timeoutMs * requests.length, 'call');
  }

  private async withTimeout<T>(p: Promise<T>, ms: number, what: 'starting' | 'call'): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const text = what === 'call' ? `call timed out after ${this.timeoutMs} ms (limits.timeout_ms)` : `did not start within ${ms} ms`;
        reject(new LibraryError(WasmErrorCode.timeout, `WASM library \`${this.init.library}\`: ${text}`));
        void this.dispose();
      }, ms);
    });
    try {
      return await Promise.race([p, expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Terminate the worker (if any); a later `run` starts a new one. */
  async dispose(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    this.started = false;
    if (w) {
      w.removeAllListeners('exit');
      w.removeAllListeners('error');
      const e = new LibraryError(WasmErrorCode.timeout, `WASM library \`${this.init.library}\` was stopped`);
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
      await w.terminate();
    }
  }
}
