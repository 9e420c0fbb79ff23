import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Value } from '../src/eval/values';
import type { CallContext } from '../src/libraries/library';
import type { WorkspaceIndex } from '../src/workspace/workspaceIndex';
import type { WasmLibraryConfig } from '../src/plugins/types';
import { loadWasm, type WasmLibrary } from '../src/plugins/wasm';
import { REPO_ROOT } from './inputs';

/**
 * Per-call cost of WASM plugins through their worker (median of 1,000 calls, in µs) and
 * component load times (ms). Uses the repository's WAT fixtures (assembled with wabt and
 * jco-transpile's wasm-tools, so it needs the dev dependencies) and the committed JS example.
 * Targets: core ≤ 50 µs/call, WAT/C component ≤ 150 µs, JS component ≤ 2 ms (batched where needed).
 */

const CALLS = 1000;
const BATCH = 100;


function config(name: string, file: string, fsCap: 'none' | 'read'): WasmLibraryConfig {
  return {
    type: 'wasm',
    name,
    path: file,
    configDir: path.dirname(file),
    span: { start: { row: 0, column: 0 }, end: { row: 0, column: 0 }, startIndex: 0, endIndex: 0 },
    capabilities: { fs: fsCap, env: [] },
    limits: { timeoutMs: 30_000, memoryMb: 256 },
  };
}

async function assembleFixtures(root: string, out: string): Promise<{ core: string; component: string }> {
  const part = (n: string) => fs.readFileSync(path.join(root, 'test-fixtures', 'wasm', n), 'utf8');
  const helpers = (abi: 'core' | 'component') => part('shared.wat') + part(abi === 'core' ? 'core-abi.wat' : 'component-abi.wat') + part('arg-len.wat');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const wabt = await (require('wabt') as () => Promise<{ parseWat(n: string, t: string, f: object): { toBinary(o: object): { buffer: Uint8Array }; destroy(): void } }>)();
  const asm = (name: string, text: string) => {
    const m = wabt.parseWat(name, text, { multi_value: true, bulk_memory: true });
    try {
      return m.toBinary({}).buffer;
    } finally {
      m.destroy();
    }
  };
  const core = path.join(out, 'pure.wasm');
  fs.writeFileSync(core, asm('pure.wat', part('core/pure.wat').replace(/^;;@prelude$/m, () => helpers('core'))));
  const wt = await import('@bytecodealliance/jco-transpile/wasm-tools');
  const probeCore = asm('probe.wat', part('core/probe.wat').replace(/^;;@abi$/m, () => helpers('component')));
  const wit = fs.readFileSync(path.join(root, 'server', 'plugin-templates', 'wit', 'plugin.wit'), 'utf8').replace(/world plugin-fs[\s\S]*$/, '');
  const embedded = await wt.componentEmbed({ binary: probeCore, witSource: wit, world: 'plugin' });
  const adapter = new Uint8Array(fs.readFileSync(path.join(root, 'test-fixtures', 'wasm', 'components', 'wasi_snapshot_preview1.reactor.wasm')));
  const component = path.join(out, 'probe.component.wasm');
  fs.writeFileSync(component, await wt.componentNew(embedded, [['wasi_snapshot_preview1', adapter]]));
  return { core, component };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

async function perCall(lib: WasmLibrary, kind: 'call' | 'check', fn: string, args: Value[], ctx: CallContext): Promise<{ single: number; batched: number }> {
  const once = () => (kind === 'call' ? lib.call(fn, args, ctx) : lib.check(fn, args, ctx));
  for (let i = 0; i < 300; i++) await once(); // steady state: let the JIT warm up
  const times: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const t = process.hrtime.bigint();
    await once();
    times.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  const t = process.hrtime.bigint();
  for (let i = 0; i < CALLS / BATCH; i++) await lib.batch(Array.from({ length: BATCH }, () => ({ kind, fn, args })), ctx);
  return { single: median(times), batched: Number(process.hrtime.bigint() - t) / 1000 / CALLS };
}

export async function benchWasm(): Promise<Record<string, number>> {
  const root = REPO_ROOT;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hie-wasm-bench-'));
  const ws = path.join(tmp, 'ws');
  fs.mkdirSync(ws);
  fs.writeFileSync(path.join(ws, 'package.json'), '{"dependencies":{"lodash":"4"}}\n');
  const ctx: CallContext = { workspace: ws, index: {} as WorkspaceIndex };
  const opts = { workspaceRoot: ws, log: () => undefined };
  const opened: WasmLibrary[] = [];
  const result: Record<string, number> = {};
  try {
    const { core, component } = await assembleFixtures(root, tmp);
    const coreLib = (await loadWasm(config('pure', core, 'none'), opts)).library;
    opened.push(coreLib);
    const c = await perCall(coreLib, 'call', 'answer', [], ctx);
    result.core_call_us_median = c.single;
    result.core_call_us_batched = c.batched;

    const compLib = (await loadWasm(config('probe', component, 'read'), opts, { cacheDir: path.join(tmp, 'cache') })).library;
    opened.push(compLib);
    const w = await perCall(compLib, 'call', 'argv', [], ctx);
    result.wat_component_call_us_median = w.single;
    result.wat_component_call_us_batched = w.batched;

    const jsWasm = path.join(root, 'plugins', 'examples', 'js-deps', 'deps.wasm');
    const jsCache = path.join(tmp, 'js-cache');
    const forbids: Value[] = [{ type: 'string', value: 'lodash' }];
    let t = Date.now();
    const cold = (await loadWasm(config('deps', jsWasm, 'read'), opts, { cacheDir: jsCache })).library;
    opened.push(cold);
    await cold.check('forbids', forbids, ctx);
    result.js_component_load_cold_ms = Date.now() - t;
    t = Date.now();
    const warm = (await loadWasm(config('deps', jsWasm, 'read'), opts, { cacheDir: jsCache })).library;
    opened.push(warm);
    await warm.check('forbids', forbids, ctx);
    result.js_component_load_warm_ms = Date.now() - t;
    const j = await perCall(warm, 'check', 'forbids', forbids, ctx);
    result.js_component_check_us_median = j.single;
    result.js_component_check_us_batched = j.batched;
  } finally {
    await Promise.all(opened.map((l) => l.dispose()));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return result;
}
