import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import wabtInit from 'wabt';
import type { Capabilities, CapabilityFinding, WasmLibraryConfig } from '../../../src/plugins/types';
import type { CallContext } from '../../../src/libraries/library';
import type { WorkspaceIndex } from '../../../src/workspace/workspaceIndex';

/** Test helpers: WAT → wasm without a compiler, hostile workspaces, configs, contexts. */

export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'test-fixtures', 'wasm'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
  return dir;
}

export const fixture = (...parts: string[]): string => path.join(repoRoot(), 'test-fixtures', 'wasm', ...parts);

let wabt: Awaited<ReturnType<typeof wabtInit>> | undefined;

const part = (name: string) => fs.readFileSync(fixture(name), 'utf8');

/** A test plugin's WAT with its `;;@abi` (full ABI glue) or `;;@prelude` (helpers only) line filled in. */
function spliced(name: string, abi: 'core' | 'component'): string {
  const helpers = part('shared.wat') + (abi === 'core' ? part('core-abi.wat') : part('component-abi.wat')) + part('arg-len.wat');
  return fs
    .readFileSync(fixture('core', name), 'utf8')
    .replace(/^;;@abi$/m, () => helpers + (abi === 'core' ? part('core-glue.wat') : ''))
    .replace(/^;;@prelude$/m, () => helpers);
}

async function assemble(name: string, text: string): Promise<Uint8Array> {
  wabt ??= await wabtInit();
  const mod = wabt.parseWat(name, text, { multi_value: true, bulk_memory: true });
  try {
    return mod.toBinary({}).buffer;
  } finally {
    mod.destroy();
  }
}

/** Assemble a core-module WAT fixture into `dir`; returns the .wasm path. */
export async function buildCoreFixture(name: string, dir: string): Promise<string> {
  const out = path.join(dir, name.replace(/\.wat$/, '.wasm'));
  fs.writeFileSync(out, await assemble(name, spliced(name, 'core')));
  return out;
}

const PLUGIN_WIT = () => fs.readFileSync(path.join(repoRoot(), 'server', 'plugin-templates', 'wit', 'plugin.wit'), 'utf8').replace(/world plugin-fs[\s\S]*$/, '');

/**
 * Build a component from a core WAT fixture: canonical-ABI glue, WIT of world `plugin`
 * embedded, then `component new` with the preview1 reactor adapter (its WASI calls become
 * `wasi:*` 0.2 imports). Uses the wasm-tools bundled in jco-transpile: no compiler needed.
 */
export async function buildComponentFixture(name: string, dir: string, withAdapter = true): Promise<string> {
  const wt = await import('@bytecodealliance/jco-transpile/wasm-tools');
  const core = await assemble(name, spliced(name, 'component'));
  const embedded = await wt.componentEmbed({ binary: core, witSource: PLUGIN_WIT(), world: 'plugin' });
  const adapter = new Uint8Array(fs.readFileSync(fixture('components', 'wasi_snapshot_preview1.reactor.wasm')));
  const component = await wt.componentNew(embedded, withAdapter ? [['wasi_snapshot_preview1', adapter]] : []);
  const out = path.join(dir, name.replace(/\.wat$/, '.component.wasm'));
  fs.writeFileSync(out, component);
  return out;
}

/** Assemble a component-text fixture (components/*.wat). */
export async function buildComponentText(name: string, dir: string): Promise<string> {
  const wt = await import('@bytecodealliance/jco-transpile/wasm-tools');
  const out = path.join(dir, name.replace(/\.wat$/, '.wasm'));
  fs.writeFileSync(out, await wt.parse(fs.readFileSync(fixture('components', name), 'utf8')));
  return out;
}

export interface HostileWorkspace {
  base: string;
  ws: string;
  outside: string;
}

/**
 * tmp/outside/secret.txt (never reachable) and tmp/ws, a workspace full of traps:
 * rel-escape → ../outside/secret.txt, abs-escape → <abs>/outside/secret.txt,
 * sub/dir-escape → ../../outside, ok-link → sub/inner.txt and sub/up → .. (legitimate).
 */
export function makeHostileWorkspace(): HostileWorkspace {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'hie-wasm-')));
  const ws = path.join(base, 'ws');
  const outside = path.join(base, 'outside');
  fs.mkdirSync(path.join(ws, 'sub'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'TOP-SECRET');
  fs.writeFileSync(path.join(ws, 'package.json'), '{"name":"demo","dependencies":{"lodash":"4.17.21"}}\n');
  fs.writeFileSync(path.join(ws, 'Cargo.toml'), '[package]\nname = "demo"\n');
  fs.writeFileSync(path.join(ws, 'sub', 'inner.txt'), 'inner-ok');
  fs.symlinkSync('../outside/secret.txt', path.join(ws, 'rel-escape'));
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(ws, 'abs-escape'));
  fs.symlinkSync('../../outside', path.join(ws, 'sub', 'dir-escape'));
  fs.symlinkSync('sub/inner.txt', path.join(ws, 'ok-link'));
  fs.symlinkSync('..', path.join(ws, 'sub', 'up'));
  return { base, ws, outside };
}

export function wasmConfig(name: string, file: string, capabilities: Partial<Capabilities> = {}, limits: { timeoutMs?: number; memoryMb?: number } = {}): WasmLibraryConfig {
  return {
    type: 'wasm',
    name,
    path: file,
    configDir: path.dirname(file),
    span: { start: { row: 0, column: 0 }, end: { row: 0, column: 0 }, startIndex: 0, endIndex: 0 },
    capabilities: { fs: capabilities.fs ?? 'none', env: capabilities.env ?? [] },
    limits: { timeoutMs: limits.timeoutMs ?? 5000, memoryMb: limits.memoryMb ?? 64 },
  };
}

const noIndex = {} as WorkspaceIndex;

export function ctx(workspace: string, text = 'check probe.read()'): CallContext {
  return { workspace, index: noIndex, origin: { file: 'arch.hie', elementPath: 'app', text } };
}

/** Collects what a library logs and the denials it reports. */
export class Recorder {
  logs: string[] = [];
  denied: CapabilityFinding[] = [];
  options(workspaceRoot: string) {
    return { workspaceRoot, log: (m: string) => this.logs.push(m), onDenied: (f: CapabilityFinding) => this.denied.push(f) };
  }
}
