import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { benchWasm } from './wasmBench';
import { jsRunBench } from './jsRunBench';
import { ExternalLibrary } from '../src/plugins/external';
import type { CallContext } from '../src/libraries/library';
import type { WorkspaceIndex } from '../src/workspace/workspaceIndex';
import { REPO_ROOT } from './inputs';
import { median, row } from './stats';

/** Issue 4: per-call cost through the WASM worker and of an external plugin round trip. */
export async function pluginBench(): Promise<void> {
  const wasm = await benchWasm();
  const us = (key: string) => (wasm[key] === undefined ? 'n/a' : `${wasm[key].toFixed(1)} µs`);
  const msOf = (key: string) => (wasm[key] === undefined ? 'n/a' : `${wasm[key].toFixed(1)} ms`);
  console.log('\nWASM plugins (median of 1,000 calls through the worker)');
  for (const [key, value] of Object.entries(wasm)) {
    const target = key.startsWith('core_call_us_median') ? 'target ≤ 50 µs' : key.startsWith('wat_component_call_us_median') ? 'target ≤ 150 µs' : key === 'js_component_check_us_median' ? 'target ≤ 2 ms' : '';
    row(key, key.endsWith('_ms') ? msOf(key) : key.includes('_us') ? us(key) : String(value), target);
  }

  row('floor: bare worker_threads round trip on this machine now', `${(await bareWorkerRoundTrip()).toFixed(1)} µs`);

  jsRunBench();

  console.log('\nExternal plugin (Node process, JSON-RPC over stdio)');
  const lib = new ExternalLibrary({ name: 'naming', program: process.execPath, args: [path.join(REPO_ROOT, 'plugins', 'examples', 'external-naming', 'naming.js')] });
  const ctx: CallContext = { workspace: REPO_ROOT, index: {} as WorkspaceIndex };
  const scope = { type: 'scope' as const, kind: { Folder: 'x' }, paths: ['./x/a_b.rs'], resolved: true };
  try {
    await lib.check('files_match', [scope, { type: 'string', value: '^[a-z_]+\\.rs$' }], ctx); // spawn
    const samples: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const start = process.hrtime.bigint();
      await lib.check('files_match', [scope, { type: 'string', value: '^[a-z_]+\\.rs$' }], ctx);
      samples.push(Number(process.hrtime.bigint() - start) / 1000);
    }
    row('external round trip (check), median of 1,000', `${median(samples).toFixed(0)} µs`, 'target ≤ 1 ms');
  } finally {
    await lib.dispose();
  }
}

/** Median postMessage round trip to an echoing worker: what any worker-isolated call costs at least. */
async function bareWorkerRoundTrip(): Promise<number> {
  const worker = new Worker("require('node:worker_threads').parentPort.on('message', (m) => require('node:worker_threads').parentPort.postMessage(m));", { eval: true });
  try {
    const once = () =>
      new Promise<void>((resolve) => {
        worker.once('message', () => resolve());
        worker.postMessage({ id: 1, requests: [{ kind: 'call', fn: 'answer', args: [] }] });
      });
    for (let i = 0; i < 300; i++) await once();
    const samples: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const start = process.hrtime.bigint();
      await once();
      samples.push(Number(process.hrtime.bigint() - start) / 1000);
    }
    return median(samples);
  } finally {
    await worker.terminate();
  }
}
