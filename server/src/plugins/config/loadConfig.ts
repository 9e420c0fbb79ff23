/**
 * `<workspace>/hielements.toml` → LoadedConfig (plugins.md §2, wasm-plugins.md §1).
 * Unlike the reference, nothing is dropped silently: invalid TOML is one E511 diagnostic
 * at the error position (then no libraries), and a bad entry disables only itself.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as TOML from '@iarna/toml';
import type { LibraryConfig, LoadedConfig } from '../types';
import { CODES } from '../host/codes';
import { ConfigReporter } from './reporter';
import { locateToml } from './tomlLocator';
import { isTable } from './tomlValues';
import { validateEntry } from './entryValidator';
import { validateBaselineKey } from './baselineKey';
import { readSpecKeys, SPEC_KEYS } from './specKeys';

/** The top-level keys of hielements.toml. */
const TOP_LEVEL_KEYS: readonly string[] = ['baseline', ...SPEC_KEYS, 'libraries'];

export const CONFIG_FILE_NAME = 'hielements.toml';

export function configPath(workspaceRoot: string): string {
  return path.join(path.resolve(workspaceRoot), CONFIG_FILE_NAME);
}

interface TomlSyntaxError {
  message: string;
  pos?: number;
}

function syntaxError(e: unknown): TomlSyntaxError | undefined {
  if (typeof e === 'object' && e !== null && (e as { fromTOML?: unknown }).fromTOML === true) return e as TomlSyntaxError;
  return undefined;
}

/** @iarna/toml's message without its " at row…" suffix and code excerpt; clearer for a multi-line inline table. */
function tomlMessage(e: TomlSyntaxError, text: string, at: number): string {
  const message = e.message.split('\n')[0].replace(/ at row \d+, col \d+, pos \d+:?$/, '');
  const line = text.slice(text.lastIndexOf('\n', at - 1) + 1, at);
  const open = (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
  if (message === 'Unterminated inline array' && open > 0 && /^\r?\n/.test(text.slice(at))) {
    return 'Unterminated inline table: an inline table { … } must be on a single line (TOML 1.0)';
  }
  return message;
}

/** Validates the text of a hielements.toml that lives in `configDir`. */
export async function validateConfigText(text: string, file: string | null, configDir: string): Promise<LoadedConfig> {
  const r = new ConfigReporter(locateToml(''));
  let parsed: Record<string, unknown>;
  try {
    parsed = TOML.parse(text) as Record<string, unknown>;
  } catch (e) {
    const err = syntaxError(e);
    if (!err) throw e;
    const lines = new ConfigReporter(locateToml(text)).lines;
    // @iarna/toml points just past the offending character
    const at = Math.max(0, Math.min(text.length, (err.pos ?? 1) - 1));
    const end = at < text.length && text[at] !== '\n' && text[at] !== '\r' ? at + 1 : at;
    r.report('error', CODES.parseConfig, `Failed to parse config file: ${tomlMessage(err, text, at)}`, lines.span(at, end));
    return { file, text, libraries: [], specs: { exclude: [] }, diagnostics: r.diagnostics };
  }
  const reporter = new ConfigReporter(locateToml(text));
  const libraries: LibraryConfig[] = [];
  for (const key of Object.keys(parsed)) {
    if (!TOP_LEVEL_KEYS.includes(key)) {
      reporter.report('warning', CODES.unknownKey, `Unknown top-level key '${key}' (ignored); hielements.toml has ${TOP_LEVEL_KEYS.join(', ')}`, reporter.keySpan([key]));
    }
  }
  const baseline = validateBaselineKey(reporter, parsed, configDir);
  const specs = readSpecKeys(reporter, parsed);
  const libs = parsed.libraries;
  if (libs !== undefined && !isTable(libs)) {
    reporter.report('error', CODES.wrongType, `'libraries' must be a table: [libraries]`, reporter.keySpan(['libraries']));
  } else if (libs !== undefined) {
    for (const [name, value] of Object.entries(libs)) {
      if (name === 'baseline' && typeof value === 'string') {
        reporter.report('error', CODES.wrongType, '`baseline` is a top-level key: write it before [libraries]', reporter.keySpan(['libraries', name]));
        continue;
      }
      if ((SPEC_KEYS as readonly string[]).includes(name) && Array.isArray(value)) {
        // TOML puts every key after `[libraries]` inside that table
        reporter.report('error', CODES.wrongType, `'${name}' is inside [libraries]: move it above the first [table] header of hielements.toml`, reporter.keySpan(['libraries', name]));
        continue;
      }
      const config = await validateEntry(reporter, name, value, configDir);
      if (config) libraries.push(config);
    }
  }
  return { file, text, libraries, specs, diagnostics: reporter.diagnostics, ...(baseline ? { baseline } : {}) };
}

/** Reads `<workspaceRoot>/hielements.toml`; no file → no libraries, no diagnostics. */
export async function loadConfig(workspaceRoot: string): Promise<LoadedConfig> {
  const file = configPath(workspaceRoot);
  let text: string;
  try {
    // synchronously: a small file, and fs.promises would load node's promise file API (with readline) on the CLI's cold start
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') return { file: null, text: '', libraries: [], specs: { exclude: [] }, diagnostics: [] };
    const r = new ConfigReporter(locateToml(''));
    r.report('error', CODES.readConfig, `Failed to read config file: ${err.message}`, r.span(undefined));
    return { file, text: '', libraries: [], specs: { exclude: [] }, diagnostics: r.diagnostics };
  }
  return validateConfigText(text, file, path.dirname(file));
}
