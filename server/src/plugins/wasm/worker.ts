import { parentPort, workerData } from 'node:worker_threads';
import { CoreInstance } from './coreInstance';
import { PluginReportedError, type PluginInstance, type Request } from './pluginInstance';
import { Sandbox } from './sandbox';
import { Wasm } from './wasmApi';
import { ComponentInstance } from './componentInstance';
import type { HostMessage, Outcome, WorkerInit, WorkerMessage } from './workerProtocol';
import type { CoreModules } from './componentModules';
import { useLazyWasmValidation } from './engineFlags';

/**
 * Entry point of a plugin's worker thread: owns one plugin instance, runs requests
 * one batch at a time. A trap drops the instance; the next request gets a fresh one.
 * The host terminates the whole thread when a call runs past its time limit.
 */

const init = workerData as WorkerInit;

useLazyWasmValidation();
const port = parentPort!;
const post = (m: WorkerMessage) => port.postMessage(m);
/** Logs and replies share one channel, so a call's log lines always arrive before its reply. */
const replies = init.replyPort ?? port;

const sandbox = new Sandbox({ workspaceRoot: init.workspaceRoot, fs: init.fs, env: init.env, protectedFiles: init.protectedFiles, protectedFolders: init.protectedFolders, writeWithheld: init.writeWithheld }, (stream, line) => replies.postMessage({ type: 'log', stream, line } satisfies WorkerMessage));

/** A component's core modules, compiled by the host (its `modules` message). */
let receiveModules: (m: CoreModules) => void = () => undefined;
const coreModules = new Promise<CoreModules>((resolve) => (receiveModules = resolve));

let instance: PluginInstance | undefined;
/** The instance being created (started as soon as the worker is, so the first call finds it ready or nearly). */
let creating: Promise<PluginInstance> | undefined;

function getInstance(): Promise<PluginInstance> {
  if (instance) return Promise.resolve(instance);
  creating ??= (async () => {
    const created: PluginInstance =
      init.plugin.format === 'core' ? CoreInstance.create(init.plugin.module, sandbox) : await ComponentInstance.create(init.plugin.dir, init.memoryPages, sandbox, coreModules);
    instance = created;
    return created;
  })().finally(() => (creating = undefined));
  return creating;
}

function describeTrap(e: unknown): string {
  const err = e instanceof Error ? e : new Error(String(e));
  const message = (err as Error) instanceof Wasm.RuntimeError ? `trap: ${err.message}` : err.message;
  const memory = instance && 'memoryBytes' in instance ? (instance as { memoryBytes(): number }).memoryBytes() : 0;
  const capBytes = init.memoryPages * 65536;
  // memory.grow failures are invisible to the host; a trap with memory near the cap is almost surely one.
  return memory >= capBytes * 0.75 ? `${message} (linear memory ${(memory / 2 ** 20).toFixed(1)} MiB of limits.memory_mb = ${capBytes / 2 ** 20})` : message;
}

async function runOne(req: Request): Promise<Outcome> {
  try {
    const inst = await getInstance();
    return { ok: true, text: inst.run(req) };
  } catch (e) {
    if (e instanceof PluginReportedError) return { ok: false, kind: 'plugin', message: e.message };
    const message = describeTrap(e);
    try {
      instance?.dispose();
    } catch {
      /* the instance is dropped anyway */
    }
    instance = undefined;
    // jco's generated glue keeps module-level state (trap flags, handle tables): after a
    // component trap only a fresh worker gives a truly fresh instance.
    if (init.plugin.format === 'component') needsRestart = true;
    return { ok: false, kind: 'trap', message };
  }
}

let needsRestart = false;
let firstBatchDone = false;

port.on('message', async (m: HostMessage) => {
  if (m.type === 'modules') return receiveModules(m.modules);
  const outcomes: Outcome[] = [];
  for (const req of m.requests) {
    if (needsRestart) {
      outcomes.push({ ok: false, kind: 'trap', message: 'not run: an earlier call of the batch trapped' });
      continue;
    }
    outcomes.push(await runOne(req));
    sandbox.flush();
  }
  if (!firstBatchDone && instance) {
    firstBatchDone = true;
    await instance.afterFirstBatch?.();
  }
  replies.postMessage({ type: 'reply', id: m.id, outcomes, denials: sandbox.takeDenials(), restart: needsRestart } satisfies WorkerMessage);
});
// Instantiate now rather than at the first request, and say `ready` after: starting a JS
// engine is start-up (the host allows it a grace period), not part of the first call's
// `timeout_ms`. A failure is reported on that first request.
getInstance()
  .catch(() => undefined)
  .finally(() => post({ type: 'ready' }));
