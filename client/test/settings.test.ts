import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, initializationOptions, readSettings, serverSettingsPayload } from '../src/settings';

function reader(values: Record<string, unknown>) {
  return { get: <T>(key: string) => values[key] as T | undefined };
}

describe('settings', () => {
  it('reads every setting', () => {
    const settings = readSettings(reader({
      'trace.server': 'verbose', 'checks.run': 'onType', 'checks.patterns': true, 'plugins.timeoutMs': 2500, 'server.path': ' /opt/hie/main.js ',
      'files.exclude': ['examples', 3, '', '**/drafts/**'],
    }));
    assert.deepEqual(settings, {
      traceServer: 'verbose', checksRun: 'onType', checksPatterns: true, pluginsTimeoutMs: 2500, serverPath: '/opt/hie/main.js', filesExclude: ['examples', '**/drafts/**'],
    });
  });

  it('falls back to the defaults for missing or invalid values', () => {
    assert.deepEqual(readSettings(reader({})), DEFAULT_SETTINGS);
    assert.deepEqual(
      readSettings(reader({ 'trace.server': 'loud', 'checks.run': 'always', 'plugins.timeoutMs': -5, 'server.path': 42, 'files.exclude': 'examples' })),
      DEFAULT_SETTINGS,
    );
  });

  it('sends checks.run, checks.patterns, plugins.timeoutMs and files.exclude to the server', () => {
    assert.deepEqual(serverSettingsPayload({ ...DEFAULT_SETTINGS, checksRun: 'never', checksPatterns: true, pluginsTimeoutMs: 700, filesExclude: ['examples'] }), {
      checks: { run: 'never', patterns: true },
      plugins: { timeoutMs: 700 },
      files: { exclude: ['examples'] },
    });
  });

  it('initializationOptions add whether VS Code trusts the workspace (never a setting)', () => {
    assert.deepEqual(initializationOptions(DEFAULT_SETTINGS, false), { ...serverSettingsPayload(DEFAULT_SETTINGS), workspaceTrusted: false });
    assert.equal(initializationOptions(DEFAULT_SETTINGS, true).workspaceTrusted, true);
  });
});
