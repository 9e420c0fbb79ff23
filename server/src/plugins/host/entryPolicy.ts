import type { Severity } from '../../diagnostics/diagnostic';
import type { ExternalLibraryConfig, LibraryConfig, WasmLibraryConfig } from '../types';
import { CODES } from './codes';

/**
 * What one hielements.toml entry becomes, trusted or not (trust.md §1):
 *
 * | entry | untrusted workspace | trusted workspace (and the CLI) |
 * |---|---|---|
 * | named like a built-in | not loaded, E532 | loaded, W525 (quick-fix: rename it) |
 * | external plugin | not started: a placeholder answers E533, W526 on the entry | started on first use |
 * | WASM plugin | `fs = "write"` served as `read`, no `env`, W527 hint | as granted |
 */
export type EntryPlan =
  | { action: 'load'; entry: LibraryConfig; writeWithheld: boolean }
  | { action: 'placeholder'; entry: ExternalLibraryConfig }
  | { action: 'skip' };

export type Report = (severity: Severity, code: string, message: string) => void;

/** The grants an untrusted workspace gets: write served as read, no environment. */
function untrustedGrants(entry: WasmLibraryConfig): WasmLibraryConfig {
  return { ...entry, capabilities: { fs: entry.capabilities.fs === 'write' ? 'read' : entry.capabilities.fs, env: [] } };
}

export function planEntry(entry: LibraryConfig, trusted: boolean, builtinNames: readonly string[], report: Report): EntryPlan {
  if (builtinNames.includes(entry.name)) {
    if (!trusted) {
      report('error', CODES.shadowsBuiltinUntrusted, `Library '${entry.name}' is not loaded: it would replace the built-in library '${entry.name}', and this workspace is not trusted`);
      return { action: 'skip' };
    }
    report('warning', CODES.shadowsBuiltin, `Library '${entry.name}' replaces the built-in library '${entry.name}': every ${entry.name}.* call in .hie files goes to this plugin`);
  }
  if (trusted) return { action: 'load', entry, writeWithheld: false };
  if (entry.type === 'external') {
    report('warning', CODES.externalNotStarted, `External library '${entry.name}' was not started: this workspace is not trusted, and it would run a program it names. Trust the workspace to start it`);
    return { action: 'placeholder', entry };
  }
  const withheld = [
    ...(entry.capabilities.fs === 'write' ? ['`fs = "write"` is served as "read"'] : []),
    ...(entry.capabilities.env.length > 0 ? ['its environment variables are not passed'] : []),
  ];
  if (withheld.length > 0) {
    report('hint', CODES.grantsWithheld, `Library '${entry.name}' runs with less than it is granted, because this workspace is not trusted: ${withheld.join(', and ')}`);
  }
  return { action: 'load', entry: untrustedGrants(entry), writeWithheld: entry.capabilities.fs === 'write' };
}
