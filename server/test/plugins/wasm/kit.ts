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

/** Assemble a core-module WAT fixture (its `;;@prelude` line replaced by core/prelude.wat) into a temp .wasm file. */
export async function buildCoreFixture(name: string, dir: string): Promise<string> {
  wabt ??= await wabtInit();
  const prelude = fs.readFileSync(fixture('core', 'prelude.wat'), 'utf8');
  const text = fs.readFileSync(fixture('core', name), 'utf8').replace(';;@prelude', prelude);
  const mod = wabt.parseWat(name, text, { multi_value: true, bulk_memory: true });
  try {
    const { buffer } = mod.toBinary({});
    const out = path.join(dir, name.replace(/\.wat$/, '.wasm'));
    fs.writeFileSync(out, buffer);
    return out;
  } finally {
    mod.destroy();
  }
}

export interface HostileWorkspace {
  base: string;
  ws: string;
  outside: string;
}

/**
 * tmp/outside/secret.txt (never reachable) and tmp/ws, a workspace full of traps:
 * rel-escape → ../outside/secret.txt, abs-escape → <abs>/outside/secret.txt,
 * sub/dir-escape → ../../outside, ok-link → sub/inner.txt (legitimate).
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
