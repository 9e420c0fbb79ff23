/**
 * The plugin host: reads hielements.toml, creates the configured libraries (external
 * processes, WASM through the injected loader) on top of the built-ins, as far as the
 * workspace is trusted (host/entryPolicy.ts), reports config and load problems as
 * diagnostics, reloads on change, and disposes every process.
 */
import * as path from 'node:path';
import type { HieDiagnostic } from '../diagnostics/diagnostic';
import { LibraryRegistry, type Library } from '../libraries/library';
import { BaselineError, readBaseline, type Baseline } from '../baseline/baselineFile';
import type { BaselineSetting, CapabilityFinding, LibraryConfig, LoadedConfig, LoadWasmLibrary, WasmLibraryConfig } from './types';
import { configPath, entryNameSpan, loadConfig } from './config';
import { ExternalLibrary } from './external';
import { CODES } from './host/codes';
import { planEntry } from './host/entryPolicy';
import { UntrustedExternalLibrary } from './host/untrustedLibrary';
import { watchedFiles } from './host/watchedFiles';

export { CODES };

export interface PluginHostOptions {
  /** Folder holding hielements.toml. */
  workspaceRoot: string;
  /** Registered first; configured libraries with the same name replace them. */
  builtins?: Library[];
  /** The WASM sandbox (plugins/wasm). Without it, WASM entries get an E529 diagnostic. */
  loadWasm?: LoadWasmLibrary;
  /** Plugin stderr, restarts, load notes. */
  log?: (message: string) => void;
  /** Run-time capability denials from WASM plugins. */
  onDenied?: (finding: CapabilityFinding) => void;
  /** Working directory of external plugins; default: this process's (the reference's behaviour). */
  externalCwd?: string;
  /**
   * Whether the workspace is trusted for this configuration (trust.md §1), asked on every
   * load. Default: trusted — running the CLI is the user's explicit act.
   */
  trusted?: (config: LoadedConfig) => boolean;
}

/** What the sandbox of a WASM entry is told beyond its grants (WasmLoadOptions). */
type WasmGuards = { protectedFiles: string[]; writeWithheld: boolean };

export interface PluginHostState {
  registry: LibraryRegistry;
  config: LoadedConfig;
  /** Static capability findings of the loaded WASM libraries. */
  findings: CapabilityFinding[];
  /** Config diagnostics plus load failures, all on hielements.toml. */
  diagnostics: HieDiagnostic[];
  /** The libraries created from hielements.toml (built-ins excluded), in config order. */
  plugins: Library[];
  /** The known failures of the file hielements.toml names as `baseline`, when it could be read. */
  baseline?: Baseline;
  /** Whether the libraries were loaded as for a trusted workspace. */
  trusted: boolean;
}

export class PluginHost {
  private current: PluginHostState | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly log: (message: string) => void;

  constructor(private readonly options: PluginHostOptions) {
    this.log = options.log ?? (() => undefined);
  }

  /** Absolute path of the hielements.toml this host reads. */
  get configFile(): string {
    return configPath(this.options.workspaceRoot);
  }

  /** The last loaded state, if any. */
  get state(): PluginHostState | undefined {
    return this.current;
  }

  /** Loads once; later calls return the loaded state (use reload() after changes). */
  load(): Promise<PluginHostState> {
    return this.serial(async () => (this.current ??= await this.build()));
  }

  /** Disposes the configured libraries (their processes) and loads hielements.toml again. */
  reload(): Promise<PluginHostState> {
    return this.serial(async () => {
      await this.disposePlugins();
      this.current = await this.build();
      return this.current;
    });
  }

  /** hielements.toml and the plugin files it names (absolute paths), for file watching. */
  watchedFiles(): string[] {
    if (!this.current) return [this.configFile];
    return watchedFiles(this.configFile, this.current.config, this.externalCwd);
  }

  /** Stops every plugin process; the host can load again afterwards. */
  dispose(): Promise<void> {
    return this.serial(async () => {
      await this.disposePlugins();
      this.current = undefined;
    });
  }

  private get externalCwd(): string {
    return path.resolve(this.options.externalCwd ?? process.cwd());
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const next = this.queue.then(op, op);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async disposePlugins(): Promise<void> {
    const plugins = this.current?.plugins ?? [];
    await Promise.all(plugins.map((p) => p.dispose?.().catch((e: unknown) => this.log(`[${p.name}] dispose failed: ${String(e)}`))));
  }

  private async build(): Promise<PluginHostState> {
    const config = await loadConfig(this.options.workspaceRoot);
    const registry = new LibraryRegistry();
    for (const lib of this.options.builtins ?? []) registry.register(lib);
    const diagnostics: HieDiagnostic[] = [...config.diagnostics];
    const findings: CapabilityFinding[] = [];
    const plugins: Library[] = [];
    const trusted = this.options.trusted?.(config) ?? true;
    const builtinNames = (this.options.builtins ?? []).map((l) => l.name);
    // what hielements.toml names is never written by a plugin (trust.md §3)
    const protectedFiles = watchedFiles(this.configFile, config, this.externalCwd);
    for (const entry of config.libraries) {
      const report = (severity: HieDiagnostic['severity'], code: string, message: string): void => {
        diagnostics.push({ severity, code, message, span: entryNameSpan(config.text, entry.name), source: 'config' });
      };
      const plan = planEntry(entry, trusted, builtinNames, report);
      if (plan.action === 'skip') continue;
      const lib =
        plan.action === 'placeholder'
          ? new UntrustedExternalLibrary(plan.entry)
          : await this.create(plan.entry, config, diagnostics, findings, { protectedFiles, writeWithheld: plan.writeWithheld });
      if (lib) {
        plugins.push(lib);
        registry.register(lib);
      }
    }
    const baseline = config.baseline ? await this.readBaseline(config.baseline, diagnostics) : undefined;
    return { registry, config, findings, diagnostics, plugins, trusted, ...(baseline ? { baseline } : {}) };
  }

  private async readBaseline(setting: BaselineSetting, diagnostics: HieDiagnostic[]): Promise<Baseline | undefined> {
    try {
      return await readBaseline(setting.path, setting.written);
    } catch (e) {
      if (!(e instanceof BaselineError)) throw e;
      diagnostics.push({ severity: 'warning', code: CODES.baselineUnreadable, message: `${e.message}: no failure is treated as known`, span: setting.span, source: 'config' });
      return undefined;
    }
  }

  private async create(entry: LibraryConfig, config: LoadedConfig, diagnostics: HieDiagnostic[], findings: CapabilityFinding[], wasm: WasmGuards): Promise<Library | undefined> {
    if (entry.type === 'external') {
      return ExternalLibrary.fromConfig(entry, { log: this.log, cwd: this.options.externalCwd });
    }
    return this.createWasm(entry, config, diagnostics, findings, wasm);
  }

  private async createWasm(entry: WasmLibraryConfig, config: LoadedConfig, diagnostics: HieDiagnostic[], findings: CapabilityFinding[], wasm: WasmGuards): Promise<Library | undefined> {
    const report = (code: string, message: string): void => {
      diagnostics.push({ severity: 'error', code, message, span: entryNameSpan(config.text, entry.name), source: 'config' });
    };
    const loadWasm = this.options.loadWasm;
    if (!loadWasm) {
      report(CODES.wasmUnavailable, `WASM plugins are not available in this build: library '${entry.name}' is not loaded`);
      return undefined;
    }
    try {
      const result = await loadWasm(entry, { workspaceRoot: path.resolve(this.options.workspaceRoot), log: this.log, onDenied: this.options.onDenied, ...wasm });
      findings.push(...result.findings);
      return result.library;
    } catch (e) {
      report(CODES.wasmLoadFailed, `Failed to load WASM library '${entry.name}': ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }
}
