/**
 * One `[libraries.<name>]` entry → a LibraryConfig, or nothing when it has an
 * error-severity problem (the other entries are unaffected). Type inference and the
 * E512–E514 messages follow plugins.md §2.1; capability and limit keys wasm-plugins.md §1.
 */
import * as path from 'node:path';
import type { Capabilities, LibraryConfig } from '../types';
import { CODES } from '../host/codes';
import type { ConfigReporter } from './reporter';
import { readCapabilities, readLimits, readPermissions, type LimitValues } from './capabilitySchema';
import { has, isStringArray, isTable, type TomlTableValue } from './tomlValues';
import { checkWasmFile } from './wasmFile';

export const ENTRY_KEYS = ['type', 'executable', 'path', 'args', 'capabilities', 'permissions', 'limits'];
export const DEFAULT_EXTERNAL_TIMEOUT_MS = 10_000;
export const DEFAULT_WASM_TIMEOUT_MS = 5_000;
export const DEFAULT_WASM_MEMORY_MB = 256;

type LibraryType = 'external' | 'wasm';

function optionalString(r: ConfigReporter, entry: TomlTableValue, entryPath: string[], key: string): { value?: string; ok: boolean } {
  if (!has(entry, key)) return { ok: true };
  const v = entry[key];
  if (typeof v === 'string' && v !== '') return { value: v, ok: true };
  r.report('error', CODES.wrongType, `'${key}' must be a non-empty string`, r.valueSpan([...entryPath, key]));
  return { ok: false };
}

function inferType(explicit: string | undefined, executable: string | undefined, wasmPath: string | undefined): LibraryType | undefined {
  if (explicit === 'external' || explicit === 'wasm') return explicit;
  if (wasmPath?.endsWith('.wasm')) return 'wasm';
  if (executable !== undefined) return 'external';
  if (wasmPath !== undefined) return 'external';
  return undefined;
}

export async function validateEntry(r: ConfigReporter, name: string, value: unknown, configDir: string): Promise<LibraryConfig | undefined> {
  const entryPath = ['libraries', name];
  const nameSpan = r.keySpan(entryPath);
  if (!isTable(value)) {
    r.report('error', CODES.wrongType, `Library '${name}' must be a table, e.g. ${name} = { executable = "my-plugin" }`, r.valueSpan(entryPath));
    return undefined;
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    r.report('warning', CODES.nameNotIdentifier, `Library name '${name}' is not an identifier: .hie files cannot import it`, nameSpan);
  }
  for (const key of Object.keys(value)) {
    if (!ENTRY_KEYS.includes(key)) r.report('warning', CODES.unknownKey, `Unknown key '${key}' in library '${name}' (ignored)`, r.keySpan([...entryPath, key]));
  }
  let ok = true;

  let explicit: string | undefined;
  if (has(value, 'type')) {
    const t = value.type;
    if (t === 'external' || t === 'wasm') explicit = t;
    else {
      ok = false;
      const shown = typeof t === 'string' ? `'${t}'` : 'of the wrong TOML type';
      r.report('error', CODES.unknownType, `Unknown library type ${shown}: expected "external" or "wasm"`, r.valueSpan([...entryPath, 'type']));
    }
  }
  const executable = optionalString(r, value, entryPath, 'executable');
  const filePath = optionalString(r, value, entryPath, 'path');
  ok &&= executable.ok && filePath.ok;
  let args: string[] = [];
  if (has(value, 'args')) {
    if (isStringArray(value.args)) args = value.args;
    else {
      ok = false;
      const bad = Array.isArray(value.args) ? value.args.findIndex((a) => typeof a !== 'string') : -1;
      const at = bad >= 0 ? [...entryPath, 'args', String(bad)] : [...entryPath, 'args'];
      r.report('error', CODES.wrongType, `'args' must be an array of strings`, r.valueSpan(at));
    }
  }
  if (!ok) return undefined;

  const type = inferType(explicit, executable.value, filePath.value);
  if (!type) {
    r.report('error', CODES.cannotInferType, "Cannot infer library type: specify 'type', 'executable', or 'path' with .wasm extension", nameSpan);
    return undefined;
  }

  let limits: LimitValues = {};
  if (has(value, 'limits')) {
    const read = readLimits(r, value.limits, [...entryPath, 'limits']);
    limits = read.value;
    ok &&= read.ok;
  }
  const base = { name, span: r.entrySpan(entryPath), configDir };

  if (type === 'external') {
    const program = executable.value ?? filePath.value;
    if (program === undefined) {
      r.report('error', CODES.noExecutable, 'No executable or path specified', nameSpan);
      return undefined;
    }
    for (const key of ['capabilities', 'permissions'].filter((k) => has(value, k))) {
      r.report('warning', CODES.noEffect, `'${key}' has no effect on external libraries: they run as separate processes with your user's permissions`, r.keySpan([...entryPath, key]));
    }
    if (limits.memoryMb !== undefined) {
      r.report('warning', CODES.noEffect, `'limits.memory_mb' is not enforced for external libraries`, r.keySpan([...entryPath, 'limits', 'memory_mb']));
    }
    if (!ok) return undefined;
    return { ...base, type, program, args, timeoutMs: limits.timeoutMs ?? DEFAULT_EXTERNAL_TIMEOUT_MS };
  }

  if (filePath.value === undefined) {
    r.report('error', CODES.noWasmPath, 'No path specified for WASM library', nameSpan);
    return undefined;
  }
  for (const key of ['executable', 'args'].filter((k) => has(value, k))) {
    r.report('warning', CODES.noEffect, `'${key}' has no effect on WASM libraries`, r.keySpan([...entryPath, key]));
  }
  let capabilities: Capabilities = { fs: 'none', env: [] };
  if (has(value, 'capabilities')) {
    const read = readCapabilities(r, value.capabilities, [...entryPath, 'capabilities']);
    capabilities = read.value;
    ok &&= read.ok;
    if (has(value, 'permissions')) {
      r.report('warning', CODES.permissionsIgnored, `'permissions' is ignored because 'capabilities' is also given`, r.keySpan([...entryPath, 'permissions']));
    }
  } else if (has(value, 'permissions')) {
    r.report('hint', CODES.permissionsAlias, `'permissions' is the upstream spelling of 'capabilities' (accepted)`, r.keySpan([...entryPath, 'permissions']));
    const read = readPermissions(r, value.permissions, [...entryPath, 'permissions']);
    capabilities = read.value;
    ok &&= read.ok;
  }
  const wasmFile = path.resolve(configDir, filePath.value);
  const problem = await checkWasmFile(wasmFile);
  if (problem) {
    ok = false;
    const span = r.valueSpan([...entryPath, 'path']);
    if (problem.kind === 'missing') r.report('error', CODES.wasmFileMissing, `WASM file not found: ${wasmFile}`, span);
    else if (problem.kind === 'notFile') r.report('error', CODES.wasmFileMissing, `WASM path is not a file: ${wasmFile}`, span);
    else if (problem.kind === 'notWasm') r.report('error', CODES.notWasmFile, `Not a WebAssembly file (no \\0asm header): ${wasmFile}`, span);
    else r.report('error', CODES.wasmFileMissing, `Cannot read WASM file ${wasmFile}: ${problem.message}`, span);
  }
  if (!ok) return undefined;
  return {
    ...base,
    type,
    path: wasmFile,
    capabilities,
    limits: { timeoutMs: limits.timeoutMs ?? DEFAULT_WASM_TIMEOUT_MS, memoryMb: limits.memoryMb ?? DEFAULT_WASM_MEMORY_MB },
  };
}
