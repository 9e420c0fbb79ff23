import * as path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { LibraryError } from '../../libraries/library';
import type { Request } from './pluginInstance';
import type { Denial } from './sandbox';
import { WasmErrorCode } from './valueJson';
import type { HostMessage, Outcome, WorkerInit, WorkerMessage } from './workerProtocol';
import type { CoreModules } from './componentModules';

/**
 * Host side of one plugin's worker thread: started on first use, one batch of requests
 * at a time, terminated when a batch runs past its time budget (the next batch starts a
 * fresh worker and so a fresh instance).
 */

/** Extra time allowed for starting the worker and instantiating the plugin (a JS component takes ~0.3 s, much more on a busy machine). */
const STARTUP_GRACE_MS = 30_000;

/**
 * How long the host polls the reply channel synchronously before waiting on the event loop.
 * A reply through the event loop costs ~100 µs of wake-up latency on this kind of machine;
 * polling brings a short call's round trip to ~20 µs, and 0.25 ms of polling never blocks
 * the language server noticeably.
 */
const SPIN_NS = 250_000n;

export interface BatchResult {
  outcomes: Outcome[];
  denials: Denial[];
}

export class PluginWorker {
  private worker: Worker | undefined;
  /** The host end of the worker's reply channel. */
  private replies: MessagePort | undefined;
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
    /** A component's core modules, being compiled by the host: each worker is sent them once ready. */
    private readonly coreModules?: Promise<CoreModules>,
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

  /**
   * Start the worker now (it instantiates the plugin as soon as it runs), so that the
   * first call does not wait for a JS engine's start-up. Failures surface on that call.
   */
  prestart(): void {
    if (this.worker) return;
    this.started = false;
    this.ready = this.start();
  }

  private start(): Promise<void> {
    const channel = new MessageChannel();
    const worker = new Worker(path.join(__dirname, 'worker.js'), {
      workerData: { ...this.init, replyPort: channel.port2 } satisfies WorkerInit,
      transferList: [channel.port2],
      env: Object.fromEntries(this.init.env),
      argv: [],
      execArgv: [],
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    this.worker = worker;
    this.replies = channel.port1;
    this.coreModules?.then(
      (modules) => this.worker === worker && worker.postMessage({ type: 'modules', modules } satisfies HostMessage),
      () => this.worker === worker && worker.postMessage({ type: 'modules', modules: {} } satisfies HostMessage),
    );
    channel.port1.on('message', (m: WorkerMessage) => this.handleReply(m));
    channel.port1.unref();
    const prefix = `[wasm:${this.init.library}]`;
    // Whatever the worker's JS writes goes to the log, never to our stdout (the LSP stream).
    worker.stdout.on('data', (d: Buffer) => this.log(`${prefix} ${d.toString('utf8').trimEnd()}`));
    worker.stderr.on('data', (d: Buffer) => this.log(`${prefix} ${d.toString('utf8').trimEnd()}`));
    const ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'ready') resolve();
        else if (m.type === 'log') this.log(`${prefix} ${m.stream}: ${m.line}`);
        else this.handleReply(m);
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

  /** A message on the reply channel: a log line of the running call, or its reply. */
  private handleReply(m: WorkerMessage): void {
    if (m.type === 'log') return this.log(`[wasm:${this.init.library}] ${m.stream}: ${m.line}`);
    if (m.type !== 'reply') return;
    const p = this.pending.get(m.id);
    this.pending.delete(m.id);
    if (m.restart) void this.dispose();
    p?.resolve({ outcomes: m.outcomes, denials: m.denials });
  }

  /** Take a reply that is already there (or arrives within SPIN_NS) without an event-loop turn; true when taken. */
  private pollReply(replies: MessagePort): boolean {
    const deadline = process.hrtime.bigint() + SPIN_NS;
    do {
      const received = receiveMessageOnPort(replies);
      if (!received) continue;
      const message = received.message as WorkerMessage;
      this.handleReply(message);
      if (message.type === 'reply') return true;
    } while (process.hrtime.bigint() < deadline);
    return false;
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
    worker.postMessage({ type: 'run', id, requests } satisfies HostMessage);
    if (this.replies && this.pollReply(this.replies)) return reply; // settled: no timer needed
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
    this.replies?.close();
    this.replies = undefined;
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
