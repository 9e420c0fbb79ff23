/** The extension's settings (package.json `contributes.configuration`), read into a typed object. */
export type RunChecksMode = 'onType' | 'onSave' | 'never';
export type TraceLevel = 'off' | 'messages' | 'verbose';

export interface HielementsSettings {
  traceServer: TraceLevel;
  checksRun: RunChecksMode;
  /** Also run implemented patterns' checks with each element's bindings. */
  checksPatterns: boolean;
  pluginsTimeoutMs: number;
  /** Empty = use the server bundled with the extension. */
  serverPath: string;
  /** Globs (relative to the workspace folder) of .hie files that are not specs. */
  filesExclude: string[];
}

export const SETTINGS_SECTION = 'hielements';

/** Keys under `hielements.` (package.json `contributes.configuration`). */
export const SETTING_KEYS = {
  traceServer: 'trace.server',
  checksRun: 'checks.run',
  checksPatterns: 'checks.patterns',
  pluginsTimeoutMs: 'plugins.timeoutMs',
  serverPath: 'server.path',
  filesExclude: 'files.exclude',
} as const;

export const RUN_CHECKS_MODES: readonly RunChecksMode[] = ['onType', 'onSave', 'never'];

export const DEFAULT_SETTINGS: HielementsSettings = {
  traceServer: 'off',
  checksRun: 'onSave',
  checksPatterns: false,
  pluginsTimeoutMs: 10000,
  serverPath: '',
  filesExclude: [],
};

/** Minimal view of vscode.WorkspaceConfiguration, so this module needs no `vscode`. */
export interface ConfigurationReader {
  get<T>(key: string): T | undefined;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

export function readSettings(config: ConfigurationReader): HielementsSettings {
  const timeout = config.get<number>(SETTING_KEYS.pluginsTimeoutMs);
  const serverPath = config.get<string>(SETTING_KEYS.serverPath);
  return {
    traceServer: oneOf(config.get(SETTING_KEYS.traceServer), ['off', 'messages', 'verbose'] as const, DEFAULT_SETTINGS.traceServer),
    checksRun: oneOf(config.get(SETTING_KEYS.checksRun), RUN_CHECKS_MODES, DEFAULT_SETTINGS.checksRun),
    checksPatterns: config.get<boolean>(SETTING_KEYS.checksPatterns) === true,
    pluginsTimeoutMs:
      typeof timeout === 'number' && Number.isFinite(timeout) && timeout > 0 ? Math.floor(timeout) : DEFAULT_SETTINGS.pluginsTimeoutMs,
    serverPath: typeof serverPath === 'string' ? serverPath.trim() : '',
    filesExclude: stringList(config.get(SETTING_KEYS.filesExclude)),
  };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

/** What the server receives as `initializationOptions` (and, nested under `hielements`, in didChangeConfiguration). */
export interface ServerSettingsPayload {
  checks: { run: RunChecksMode; patterns: boolean };
  plugins: { timeoutMs: number };
  files: { exclude: string[] };
}

/** `initializationOptions`: the settings plus whether VS Code trusts the workspace (never a setting: trust.md §2). */
export interface InitializationOptions extends ServerSettingsPayload {
  workspaceTrusted: boolean;
}

export function initializationOptions(settings: HielementsSettings, workspaceTrusted: boolean): InitializationOptions {
  return { ...serverSettingsPayload(settings), workspaceTrusted };
}

export function serverSettingsPayload(settings: HielementsSettings): ServerSettingsPayload {
  return {
    checks: { run: settings.checksRun, patterns: settings.checksPatterns },
    plugins: { timeoutMs: settings.pluginsTimeoutMs },
    files: { exclude: settings.filesExclude },
  };
}
