/**
 * The `capabilities`, `permissions` (upstream alias) and `limits` parts of a library
 * entry (wasm-plugins.md §1). Each reader reports into the ConfigReporter and says
 * whether the part is usable (no error-severity problem).
 */
import type { Capabilities, FsCapability } from '../types';
import { CODES } from '../host/codes';
import type { ConfigReporter } from './reporter';
import { has, isIntegerLiteral, isTable, type TomlTableValue } from './tomlValues';

export interface Read<T> {
  value: T;
  ok: boolean;
}

const FS_LEVELS: FsCapability[] = ['none', 'read', 'write'];

function isEnvName(name: string): boolean {
  return name.length > 0 && !name.includes('=') && !name.includes('\0');
}

function unknownKeys(r: ConfigReporter, table: TomlTableValue, path: string[], known: string[], where: string): void {
  for (const key of Object.keys(table)) {
    if (!known.includes(key)) r.report('warning', CODES.unknownKey, `Unknown key '${key}' in ${where} (ignored); expected one of: ${known.join(', ')}`, r.keySpan([...path, key]));
  }
}

/** Env names from an array value at `path`; reports bad items. */
function envNames(r: ConfigReporter, value: unknown, path: string[], label: string): Read<string[]> {
  if (!Array.isArray(value)) {
    r.report('error', CODES.badCapability, `${label} must be an array of environment variable names, e.g. ["HOME"]`, r.valueSpan(path));
    return { value: [], ok: false };
  }
  let ok = true;
  const names: string[] = [];
  value.forEach((item, i) => {
    if (typeof item === 'string' && isEnvName(item)) names.push(item);
    else {
      ok = false;
      r.report('error', CODES.badCapability, `${label}: ${JSON.stringify(item) ?? String(item)} is not an environment variable name`, r.valueSpan([...path, String(i)]));
    }
  });
  return { value: names, ok };
}

export function readCapabilities(r: ConfigReporter, value: unknown, path: string[]): Read<Capabilities> {
  const caps: Capabilities = { fs: 'none', env: [] };
  if (!isTable(value)) {
    r.report('error', CODES.wrongType, `'capabilities' must be a table, e.g. capabilities = { fs = "read" }`, r.valueSpan(path));
    return { value: caps, ok: false };
  }
  let ok = true;
  unknownKeys(r, value, path, ['fs', 'env', 'network', 'workspace_only'], "'capabilities'");
  if (has(value, 'fs')) {
    const fs = value.fs;
    if (typeof fs === 'string' && (FS_LEVELS as string[]).includes(fs)) caps.fs = fs as FsCapability;
    else {
      ok = false;
      r.report('error', CODES.badCapability, `capabilities.fs must be "none", "read" or "write"`, r.valueSpan([...path, 'fs']));
    }
  }
  if (has(value, 'env')) {
    const env = envNames(r, value.env, [...path, 'env'], 'capabilities.env');
    caps.env = env.value;
    ok &&= env.ok;
  }
  if (has(value, 'network') && value.network !== 'none') {
    ok = false;
    r.report('error', CODES.networkRequested, `Network access is never granted to plugins: remove 'network' or set it to "none"`, r.entrySpan([...path, 'network']));
  }
  if (has(value, 'workspace_only')) {
    const wo = value.workspace_only;
    if (wo === false) {
      ok = false;
      r.report('error', CODES.workspaceOnlyFalse, `workspace_only = false is not supported: plugins never see files outside the workspace`, r.entrySpan([...path, 'workspace_only']));
    } else if (wo !== true) {
      ok = false;
      r.report('error', CODES.badCapability, `capabilities.workspace_only must be true`, r.valueSpan([...path, 'workspace_only']));
    }
  }
  return { value: caps, ok };
}

/** The upstream spelling `permissions = { filesystem = ["read", "workspace-only"], environment = ["HOME"] }`. */
export function readPermissions(r: ConfigReporter, value: unknown, path: string[]): Read<Capabilities> {
  const caps: Capabilities = { fs: 'none', env: [] };
  if (!isTable(value)) {
    r.report('error', CODES.wrongType, `'permissions' must be a table`, r.valueSpan(path));
    return { value: caps, ok: false };
  }
  let ok = true;
  unknownKeys(r, value, path, ['filesystem', 'environment', 'network'], "'permissions'");
  if (has(value, 'filesystem')) {
    const fsv = value.filesystem;
    const allowed = ['read', 'write', 'workspace-only'];
    if (!Array.isArray(fsv) || !fsv.every((x) => typeof x === 'string' && allowed.includes(x))) {
      ok = false;
      r.report('error', CODES.badCapability, `permissions.filesystem must be an array of "read", "write", "workspace-only"`, r.valueSpan([...path, 'filesystem']));
    } else caps.fs = fsv.includes('write') ? 'write' : fsv.includes('read') ? 'read' : 'none';
  }
  if (has(value, 'environment')) {
    const env = envNames(r, value.environment, [...path, 'environment'], 'permissions.environment');
    caps.env = env.value;
    ok &&= env.ok;
  }
  if (has(value, 'network')) {
    const n = value.network;
    if (!(n === 'none' || (Array.isArray(n) && n.length === 0))) {
      ok = false;
      r.report('error', CODES.networkRequested, `Network access is never granted to plugins: remove 'network'`, r.entrySpan([...path, 'network']));
    }
  }
  return { value: caps, ok };
}

export interface LimitValues {
  timeoutMs?: number;
  memoryMb?: number;
}

const LIMITS: Array<{ key: 'timeout_ms' | 'memory_mb'; field: keyof LimitValues; max: number }> = [
  { key: 'timeout_ms', field: 'timeoutMs', max: 600_000 },
  { key: 'memory_mb', field: 'memoryMb', max: 4096 },
];

export function readLimits(r: ConfigReporter, value: unknown, path: string[]): Read<LimitValues> {
  const out: LimitValues = {};
  if (!isTable(value)) {
    r.report('error', CODES.wrongType, `'limits' must be a table, e.g. limits = { timeout_ms = 2000 }`, r.valueSpan(path));
    return { value: out, ok: false };
  }
  let ok = true;
  unknownKeys(r, value, path, LIMITS.map((l) => l.key), "'limits'");
  for (const { key, field, max } of LIMITS) {
    if (!has(value, key)) continue;
    const v = value[key];
    const p = [...path, key];
    if (isIntegerLiteral(v, r.valueText(p)) && Number(v) >= 1 && Number(v) <= max) out[field] = Number(v);
    else {
      ok = false;
      r.report('error', CODES.limitOutOfRange, `limits.${key} must be an integer from 1 to ${max}`, r.valueSpan(p));
    }
  }
  return { value: out, ok };
}
