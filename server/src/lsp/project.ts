import { PluginHost, type PluginHostState } from '../plugins/host';
import type { CapabilityFinding, LoadedConfig, LoadWasmLibrary } from '../plugins/types';
import { createBuiltinLibraries } from '../libraries/builtin';
import { LibraryRegistry, type Library } from '../libraries/library';
import { FileIndex } from '../workspace/fileIndex';
import { librariesOfRegistry } from '../staticCheck/catalogues';
import { UNKNOWN_LIBRARIES, type StaticLibraries } from '../staticCheck/libraries';
import { guardRegistry } from './guardedRegistry';
import { documentationSoFar, libraryDoc } from './libraryDocs';
import { YieldingIndex } from './yieldingIndex';
import type { TimeSlicer } from './timeSlicer';

/** How long a hover waits for the plugins of a project still loading. */
const DOCS_WAIT_MS = 1000;

function registryOf(libs: Library[]): LibraryRegistry {
  const registry = new LibraryRegistry();
  for (const lib of libs) registry.register(lib);
  return registry;
}

export interface ProjectOptions {
  loadWasm?: LoadWasmLibrary;
  log: (message: string) => void;
  slicer: TimeSlicer;
  pluginTimeoutMs: () => number | undefined;
  /** A run-time capability denial reported by a WASM plugin of this project. */
  onDenied: (project: Project, finding: CapabilityFinding) => void;
  /** Whether the project's folder is trusted for this configuration (trust.md §2); default: trusted. */
  trusted?: (root: string, config: LoadedConfig) => boolean;
}

/**
 * One checked workspace: a folder (a workspace folder, or the folder of a nested
 * hielements.toml) with its file index and plugin host. Checks of the .hie files under it
 * are evaluated with `root` as the workspace.
 */
export class Project {
  readonly index: FileIndex;
  /** The index handed to libraries during evaluations (yields to the message loop). */
  readonly evalIndex: YieldingIndex;
  readonly host: PluginHost;
  /** Bumped on every plugin (re)load: results computed with older libraries are stale. */
  generation = 0;
  private loaded: PluginHostState | undefined;
  private guarded: LibraryRegistry | undefined;
  private loading: Promise<PluginHostState> | undefined;
  /** Run-time denials since the last reload, newest last. */
  readonly denials: CapabilityFinding[] = [];

  constructor(readonly root: string, private readonly options: ProjectOptions) {
    this.index = new FileIndex(root);
    this.evalIndex = new YieldingIndex(this.index, options.slicer);
    this.host = new PluginHost({
      workspaceRoot: root,
      builtins: createBuiltinLibraries(),
      loadWasm: options.loadWasm,
      log: options.log,
      externalCwd: root,
      trusted: options.trusted && ((config) => options.trusted!(root, config)),
      onDenied: (finding) => {
        this.denials.push(finding);
        options.onDenied(this, finding);
      },
    });
  }

  get state(): PluginHostState | undefined {
    return this.loaded;
  }

  private catalogues: StaticLibraries = UNKNOWN_LIBRARIES;

  /** What the static checker knows of this project's libraries (nothing before they are loaded). */
  get staticLibraries(): StaticLibraries {
    return this.catalogues;
  }

  /**
   * Rebuilds the static checker's view from the loaded libraries and the documentation received
   * so far. WASM plugins are asked for theirs when loaded (inside the sandbox); an external
   * plugin only when a hover or completion needs it, since asking starts it.
   */
  refreshCatalogues(): void {
    if (!this.loaded) return;
    this.catalogues = librariesOfRegistry(this.loaded.registry, this.loaded.config.libraries.map((l) => l.name), documentationSoFar);
  }

  /** Libraries known to this project: built-ins until the plugins are loaded. */
  get knownLibraries(): ReadonlySet<string> {
    return new Set(this.loaded ? this.loaded.registry.names() : ['files', 'python', 'rust']);
  }

  load(): Promise<PluginHostState> {
    this.loading ??= this.host.load().then((state) => this.adopt(state));
    return this.loading;
  }

  reload(): Promise<PluginHostState> {
    this.loading = this.host.reload().then((state) => this.adopt(state));
    return this.loading;
  }

  /**
   * Libraries for hovers and completion: the loaded ones, waiting a little for a load in
   * progress, else the built-ins (never blocks on a slow plugin).
   */
  async documentedLibraries(): Promise<LibraryRegistry> {
    if (!this.loaded) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.load().catch(() => undefined), new Promise((r) => (timer = setTimeout(r, DOCS_WAIT_MS)))]);
      clearTimeout(timer);
    }
    if (this.loaded) return this.loaded.registry;
    this.builtins ??= registryOf(createBuiltinLibraries());
    return this.builtins;
  }

  private builtins: LibraryRegistry | undefined;

  /** The registry to evaluate with (yielding, plugin time limit applied). */
  registry(): LibraryRegistry | undefined {
    if (!this.loaded) return undefined;
    this.guarded ??= guardRegistry(this.loaded.registry, { slicer: this.options.slicer, pluginTimeoutMs: this.options.pluginTimeoutMs() });
    return this.guarded;
  }

  /** The plugin time limit changed: rebuild the guarded registry on next use. */
  settingsChanged(): void {
    this.guarded = undefined;
  }

  private adopt(state: PluginHostState): PluginHostState {
    this.loaded = state;
    this.guarded = undefined;
    this.denials.length = 0;
    this.generation++;
    this.refreshCatalogues();
    for (const lib of state.plugins) if (lib.kind === 'wasm') void libraryDoc(lib);
    return state;
  }

  dispose(): Promise<void> {
    return this.host.dispose();
  }
}
