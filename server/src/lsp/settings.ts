/** The client's settings (initializationOptions, and `settings.hielements` of didChangeConfiguration). */
export type RunChecksMode = 'onType' | 'onSave' | 'never';

export interface ServerSettings {
  /** `patterns`: also run implemented patterns' checks with each element's bindings (EvalOptions.patternChecks). */
  checks: { run: RunChecksMode; debounceMs: number; patterns: boolean };
  plugins: { timeoutMs: number | undefined };
  /** `hielements.files.exclude`: globs (relative to the workspace folder) of .hie files that are not specs. */
  files: { exclude: string[] };
}

export const DEFAULT_SETTINGS: ServerSettings = {
  checks: { run: 'onSave', debounceMs: 300, patterns: false },
  plugins: { timeoutMs: undefined },
  files: { exclude: [] },
};

const MODES: readonly RunChecksMode[] = ['onType', 'onSave', 'never'];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a partial settings object leniently: unknown or ill-typed values keep the previous setting. */
export function parseSettings(raw: unknown, previous: ServerSettings = DEFAULT_SETTINGS): ServerSettings {
  if (!isRecord(raw)) return previous;
  const checks = isRecord(raw.checks) ? raw.checks : {};
  const plugins = isRecord(raw.plugins) ? raw.plugins : {};
  const files = isRecord(raw.files) ? raw.files : {};
  const exclude = Array.isArray(files.exclude) ? files.exclude.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : undefined;
  const run = MODES.includes(checks.run as RunChecksMode) ? (checks.run as RunChecksMode) : previous.checks.run;
  const debounce = checks.debounceMs;
  const timeout = plugins.timeoutMs;
  return {
    checks: {
      run,
      debounceMs: typeof debounce === 'number' && debounce >= 0 ? debounce : previous.checks.debounceMs,
      patterns: typeof checks.patterns === 'boolean' ? checks.patterns : previous.checks.patterns,
    },
    plugins: { timeoutMs: typeof timeout === 'number' && timeout > 0 ? timeout : previous.plugins.timeoutMs },
    files: { exclude: exclude ?? previous.files.exclude },
  };
}

/** didChangeConfiguration params: `{ settings: { hielements: {...} } }`. */
export function settingsFromConfigurationChange(params: { settings?: unknown }, previous: ServerSettings): ServerSettings {
  const settings = params.settings;
  if (!isRecord(settings)) return previous;
  return parseSettings(settings.hielements ?? settings, previous);
}
