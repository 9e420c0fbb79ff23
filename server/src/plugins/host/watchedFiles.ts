import * as fs from 'node:fs';
import * as path from 'node:path';
import * as TOML from '@iarna/toml';
import type { LoadedConfig } from '../types';
import { isTable } from '../config/tomlValues';

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * Files whose change should reload the plugins: hielements.toml itself, every configured
 * `.wasm` path (also of entries rejected because the file is missing, so creating it
 * reloads), an external program given as a path, and external arguments naming existing
 * files (`python3 plugins/x.py`), and the baseline file. External paths resolve against `externalCwd`, as spawned.
 */
export function watchedFiles(configFile: string, config: LoadedConfig, externalCwd: string): string[] {
  const out = new Set<string>([configFile]);
  if (config.baseline) out.add(config.baseline.path);
  for (const lib of config.libraries) {
    if (lib.type === 'wasm') out.add(lib.path);
    else {
      if (lib.program.includes('/') || lib.program.includes(path.sep)) out.add(path.resolve(externalCwd, lib.program));
      for (const arg of lib.args) {
        const candidate = path.resolve(externalCwd, arg);
        if (!arg.startsWith('-') && isFile(candidate)) out.add(candidate);
      }
    }
  }
  try {
    const libs = (TOML.parse(config.text) as Record<string, unknown>).libraries;
    if (isTable(libs)) {
      for (const entry of Object.values(libs)) {
        if (isTable(entry) && typeof entry.path === 'string' && entry.path.endsWith('.wasm')) out.add(path.resolve(path.dirname(configFile), entry.path));
      }
    }
  } catch {
    // invalid TOML: only the config file itself is watched
  }
  return [...out];
}
