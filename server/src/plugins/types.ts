import type { Span } from '../syntax/span';
import type { HieDiagnostic } from '../diagnostics/diagnostic';
import type { Library } from '../libraries/library';
import type { SpecPatterns } from './config/specKeys';

/** Contracts between the config loader, the plugin host, the WASM sandbox and the LSP. */

export type FsCapability = 'none' | 'read' | 'write';

export interface Capabilities {
  fs: FsCapability;
  /** Host environment variable names the plugin may see. */
  env: string[];
}

export interface Limits {
  timeoutMs: number;
  memoryMb: number;
}

interface LibraryConfigBase {
  /** The key under `[libraries]`: the name used in `.hie` files. */
  name: string;
  /** Range of the whole entry in hielements.toml (for diagnostics and code actions). */
  span: Span;
  /** Folder holding hielements.toml (relative paths resolve against it). */
  configDir: string;
}

export interface ExternalLibraryConfig extends LibraryConfigBase {
  type: 'external';
  /** `executable`, else `path`; spawned as given (relative to the current directory, like the reference). */
  program: string;
  args: string[];
  /** Per-request timeout (ms), default 10 000. */
  timeoutMs: number;
}

export interface WasmLibraryConfig extends LibraryConfigBase {
  type: 'wasm';
  /** Absolute path of the .wasm file. */
  path: string;
  capabilities: Capabilities;
  limits: Limits;
}

export type LibraryConfig = ExternalLibraryConfig | WasmLibraryConfig;

export interface LoadedConfig {
  /** Absolute path of hielements.toml, or null when there is none. */
  file: string | null;
  /** Its text (empty when absent); code actions edit this text. */
  text: string;
  /** Valid entries only; a bad entry is dropped with a diagnostic, the others stay. */
  libraries: LibraryConfig[];
  /** `specs` / `exclude`: which .hie files are the project's specs (specs/specSet.ts). */
  specs: SpecPatterns;
  /** Problems, with spans in hielements.toml. */
  diagnostics: HieDiagnostic[];
  /** `baseline = "…"`: the known failures the language server and `run` accept (when valid). */
  baseline?: BaselineSetting;
}

export interface BaselineSetting {
  /** Absolute path. */
  path: string;
  /** As written in hielements.toml. */
  written: string;
  /** The value's range, for diagnostics about the file. */
  span: Span;
}

export type CapabilityName = 'fs' | 'env';

/**
 * A capability finding (wasm-plugins.md §4): `missing` (imports need it, not granted),
 * `unused` (granted, imports cannot use it), `denied` (a run-time access was refused).
 */
export interface CapabilityFinding {
  library: string;
  kind: 'missing' | 'unused' | 'denied';
  capability: CapabilityName;
  /** For fs: the level needed ('read' | 'write'); for env: the variable name. */
  needed?: string;
  /** Human text, e.g. "library `deps` was denied read access to `Cargo.toml`: grant `capabilities.fs = \"read\"`". */
  message: string;
  /** For `denied`: the check whose evaluation caused it. */
  origin?: { file?: string; elementPath: string; text: string };
  /**
   * For `denied`: what was asked for (the path as the plugin gave it), whether it is outside the
   * workspace, and, when no grant would allow it, why (`final`).
   */
  access?: { target: string; outside: boolean; final?: string };
}

export interface WasmLoadOptions {
  workspaceRoot: string;
  log: (message: string) => void;
  /** Called when the sandbox denies an access at run time. */
  onDenied?: (finding: CapabilityFinding) => void;
  /** Absolute paths hielements.toml names (plugin modules, programs, scripts): never written (trust.md §3). */
  protectedFiles?: string[];
  /** The config grants `fs = "write"` but the workspace is not trusted: it is served as `read` (trust.md §1). */
  writeWithheld?: boolean;
}

export interface WasmLoadResult {
  library: Library;
  /** Static findings from the module's imports vs the granted capabilities. */
  findings: CapabilityFinding[];
}

/** Implemented by plugins/wasm; injected into the plugin host. Throws on a module that cannot load (message names the reason). */
export type LoadWasmLibrary = (config: WasmLibraryConfig, options: WasmLoadOptions) => Promise<WasmLoadResult>;
