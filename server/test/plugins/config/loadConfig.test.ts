import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { validateConfigText, loadConfig } from '../../../src/plugins/config/loadConfig';
import type { LoadedConfig } from '../../../src/plugins/types';
import type { HieDiagnostic } from '../../../src/diagnostics/diagnostic';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hie-config-'));
fs.mkdirSync(path.join(dir, 'plugins'));
fs.writeFileSync(path.join(dir, 'plugins', 'deps.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
fs.writeFileSync(path.join(dir, 'plugins', 'fake.wasm'), 'not wasm at all');

const validate = (text: string): Promise<LoadedConfig> => validateConfigText(text, path.join(dir, 'hielements.toml'), dir);

/** [code, severity, message, text under the range] */
function summary(text: string, d: HieDiagnostic): [string, string, string, string] {
  assert.equal(d.source, 'config');
  assert.equal(text.slice(d.span.startIndex, d.span.endIndex).length, d.span.endIndex - d.span.startIndex);
  return [d.code, d.severity, d.message, text.slice(d.span.startIndex, d.span.endIndex)];
}

async function diagnose(text: string): Promise<Array<[string, string, string, string]>> {
  return (await validate(text)).diagnostics.map((d) => summary(text, d));
}

describe('hielements.toml loading', () => {
  it('accepts the reference samples: inline, standard-table and inferred forms', async () => {
    const text = [
      '[libraries]',
      'sample = { executable = "python3", args = ["examples/plugins/sample_plugin.py"] }',
      '',
      '[libraries.lint]',
      'type = "external"',
      'executable = "./tools/lint-plugin"',
      'args = ["--fast"]',
      '',
      '[libraries.deps]',
      'path = "plugins/deps.wasm"',
      'capabilities = { fs = "read", env = ["CI"] }',
      'limits = { timeout_ms = 2000, memory_mb = 128 }',
      '',
      '[libraries.other]',
      'path = "run-me"',
    ].join('\n');
    const cfg = await validate(text);
    assert.deepEqual(cfg.diagnostics, []);
    assert.deepEqual(
      cfg.libraries.map((l) => (l.type === 'external' ? [l.name, l.type, l.program, l.args, l.timeoutMs] : [l.name, l.type, l.path, l.capabilities, l.limits])),
      [
        ['sample', 'external', 'python3', ['examples/plugins/sample_plugin.py'], 10000],
        ['lint', 'external', './tools/lint-plugin', ['--fast'], 10000],
        ['deps', 'wasm', path.join(dir, 'plugins', 'deps.wasm'), { fs: 'read', env: ['CI'] }, { timeoutMs: 2000, memoryMb: 128 }],
        ['other', 'external', 'run-me', [], 10000],
      ],
    );
    const sample = cfg.libraries[0];
    assert.equal(text.slice(sample.span.startIndex, sample.span.endIndex), 'sample = { executable = "python3", args = ["examples/plugins/sample_plugin.py"] }');
    assert.deepEqual([sample.span.start, sample.span.end], [{ row: 1, column: 0 }, { row: 1, column: 81 }]);
    const lint = cfg.libraries[1];
    assert.equal(text.slice(lint.span.startIndex, lint.span.endIndex), '[libraries.lint]\ntype = "external"\nexecutable = "./tools/lint-plugin"\nargs = ["--fast"]');
    assert.equal(cfg.libraries[2].configDir, dir);
  });

  it('reports invalid TOML at its position (V-07: the reference drops everything silently)', async () => {
    const hybrid = '[libraries]\nsample = { \n    type = "external",\n}\n';
    const cfg = await validate(hybrid);
    assert.deepEqual(cfg.libraries, []);
    assert.equal(cfg.diagnostics.length, 1);
    const d = cfg.diagnostics[0];
    assert.deepEqual([d.code, d.severity, d.message], ['E511', 'error', 'Failed to parse config file: Unterminated inline table: an inline table { … } must be on a single line (TOML 1.0)']);
    assert.deepEqual([d.span.start, d.span.end], [{ row: 1, column: 11 }, { row: 1, column: 11 }]);
    const cfg2 = await validate('[libraries]\nx = { executable = "a" } @\n');
    assert.deepEqual(cfg2.diagnostics.map((x) => summary('[libraries]\nx = { executable = "a" } @\n', x)), [
      ['E511', 'error', 'Failed to parse config file: Unexpected character, expected only whitespace or comments till end of line', '@'],
    ]);
  });

  it('the shipped hybrid example is reported, not silently ignored', async () => {
    const text = fs.readFileSync(path.join(__dirname, '../../../../../test-fixtures/plugins/workspaces/hybrid/hielements.toml'), 'utf8');
    const cfg = await validate(text);
    assert.deepEqual(cfg.diagnostics.map((d) => [d.code, d.span.start.row]), [['E511', 16]]);
  });

  it('V-08 difference: a bad entry disables only itself', async () => {
    const text = '[libraries]\ngood = { executable = "good-plugin" }\nbad = { args = ["x"] }\n';
    const cfg = await validate(text);
    assert.deepEqual(cfg.libraries.map((l) => l.name), ['good']);
    assert.deepEqual(cfg.diagnostics.map((d) => summary(text, d)), [
      ['E512', 'error', "Cannot infer library type: specify 'type', 'executable', or 'path' with .wasm extension", 'bad'],
    ]);
  });

  it('unknown type, missing executable/path, wrong types', async () => {
    assert.deepEqual(await diagnose('[libraries]\nx = { type = "native", executable = "x" }\n'), [
      ['E520', 'error', 'Unknown library type \'native\': expected "external" or "wasm"', '"native"'],
    ]);
    assert.deepEqual(await diagnose('[libraries.x]\ntype = "external"\nargs = ["a"]\n'), [['E513', 'error', 'No executable or path specified', 'x']]);
    assert.deepEqual(await diagnose('[libraries]\nw = { type = "wasm" }\n'), [['E514', 'error', 'No path specified for WASM library', 'w']]);
    assert.deepEqual(await diagnose('[libraries]\nx = { executable = 5 }\ny = { executable = "y", args = [2] }\nz = "plugin"\n'), [
      ['E521', 'error', "'executable' must be a non-empty string", '5'],
      ['E521', 'error', "'args' must be an array of strings", '2'],
      ['E521', 'error', 'Library \'z\' must be a table, e.g. z = { executable = "my-plugin" }', '"plugin"'],
    ]);
    assert.deepEqual(await diagnose('libraries = 3\n'), [['E521', 'error', "'libraries' must be a table: [libraries]", 'libraries']]);
  });

  it('unknown keys are warnings on the key; the entry stays', async () => {
    const text = 'title = "x"\n[libraries.lint]\nexecutable = "lint"\nnote = "ignored"\n"quoted key" = 1\n';
    const cfg = await validate(text);
    assert.deepEqual(cfg.libraries.map((l) => l.name), ['lint']);
    assert.deepEqual(cfg.diagnostics.map((d) => summary(text, d)), [
      ['W520', 'warning', "Unknown top-level key 'title' (ignored); hielements.toml has baseline, specs, exclude, libraries", 'title'],
      ['W520', 'warning', "Unknown key 'note' in library 'lint' (ignored)", 'note'],
      ['W520', 'warning', "Unknown key 'quoted key' in library 'lint' (ignored)", '"quoted key"'],
    ]);
  });

  it('specs and exclude: arrays of globs, wrong types and useless patterns reported at their exact place', async () => {
    const good = await validate('specs = ["architecture/**/*.hie", "hielements.hie"]\nexclude = ["examples"]\n[libraries]\n');
    assert.deepEqual(good.specs, { specs: ['architecture/**/*.hie', 'hielements.hie'], exclude: ['examples'] });
    assert.deepEqual(good.diagnostics, []);
    assert.deepEqual((await validate('')).specs, { exclude: [] });
    const text = 'specs = "*.hie"\nexclude = ["ok", "", "/abs/*.hie", "../up"]\n[libraries]\nspecs = ["late.hie"]\n';
    const cfg = await validate(text);
    assert.deepEqual(cfg.specs, { exclude: ['ok'] });
    assert.deepEqual(cfg.diagnostics.map((d) => summary(text, d)), [
      ['E521', 'error', "'specs' must be an array of glob patterns, e.g. specs = [\"architecture/**/*.hie\"] (ignored)", '"*.hie"'],
      ['E521', 'error', "'exclude' patterns must be non-empty strings (this one is ignored)", '""'],
      ['W528', 'warning', 'Pattern "/abs/*.hie" matches nothing: patterns are relative to the folder of hielements.toml', '"/abs/*.hie"'],
      ['W528', 'warning', 'Pattern "../up" matches nothing: patterns are relative to the folder of hielements.toml', '"../up"'],
      ['E521', 'error', "'specs' is inside [libraries]: move it above the first [table] header of hielements.toml", 'specs'],
    ]);
    assert.deepEqual(await diagnose('exclude = [3]\n'), [['E521', 'error', "'exclude' patterns must be non-empty strings (this one is ignored)", '3']]);
  });

  it('capability values: bad fs, bad env, network, workspace_only', async () => {
    const text = [
      '[libraries]',
      'a = { path = "plugins/deps.wasm", capabilities = { fs = "rw" } }',
      'b = { path = "plugins/deps.wasm", capabilities = { env = ["OK", "A=B"] } }',
      'c = { path = "plugins/deps.wasm", capabilities = { network = "all" } }',
      'd = { path = "plugins/deps.wasm", capabilities = { workspace_only = false } }',
      'e = { path = "plugins/deps.wasm", capabilities = { fs = "read", network = "none", workspace_only = true, gpu = 1 } }',
    ].join('\n');
    const cfg = await validate(text);
    assert.deepEqual(cfg.libraries.map((l) => l.name), ['e']);
    assert.deepEqual(cfg.diagnostics.map((d) => summary(text, d)), [
      ['E522', 'error', 'capabilities.fs must be "none", "read" or "write"', '"rw"'],
      ['E522', 'error', 'capabilities.env: "A=B" is not an environment variable name', '"A=B"'],
      ['E523', 'error', 'Network access is never granted to plugins: remove \'network\' or set it to "none"', 'network = "all"'],
      ['E524', 'error', 'workspace_only = false is not supported: plugins never see files outside the workspace', 'workspace_only = false'],
      ['W520', 'warning', "Unknown key 'gpu' in 'capabilities' (ignored); expected one of: fs, env, network, workspace_only", 'gpu'],
    ]);
  });

  it('limits out of range or not integers', async () => {
    const text = [
      '[libraries.a]',
      'path = "plugins/deps.wasm"',
      'limits = { timeout_ms = 0, memory_mb = 5000 }',
      '[libraries.b]',
      'executable = "b"',
      'limits.timeout_ms = 2.5',
      '[libraries.c]',
      'executable = "c"',
      '[libraries.c.limits]',
      'timeout_ms = 300',
    ].join('\n');
    const cfg = await validate(text);
    assert.deepEqual(cfg.libraries.map((l) => [l.name, l.type === 'external' && l.timeoutMs]), [['c', 300]]);
    assert.deepEqual(cfg.diagnostics.map((d) => summary(text, d)), [
      ['E525', 'error', 'limits.timeout_ms must be an integer from 1 to 600000', '0'],
      ['E525', 'error', 'limits.memory_mb must be an integer from 1 to 4096', '5000'],
      ['E525', 'error', 'limits.timeout_ms must be an integer from 1 to 600000', '2.5'],
    ]);
  });

  it('wasm file missing or not a wasm file', async () => {
    const text = '[libraries]\nm = { path = "lib/missing.wasm" }\nf = { type = "wasm", path = "plugins/fake.wasm" }\nd = { type = "wasm", path = "plugins" }\n';
    assert.deepEqual(await diagnose(text), [
      ['E526', 'error', `WASM file not found: ${path.join(dir, 'lib', 'missing.wasm')}`, '"lib/missing.wasm"'],
      ['E527', 'error', `Not a WebAssembly file (no \\0asm header): ${path.join(dir, 'plugins', 'fake.wasm')}`, '"plugins/fake.wasm"'],
      ['E526', 'error', `WASM path is not a file: ${path.join(dir, 'plugins')}`, '"plugins"'],
    ]);
  });

  it('accepts the upstream permissions alias with a hint', async () => {
    const text = [
      '[libraries.ts]',
      'path = "plugins/deps.wasm"',
      '',
      '[libraries.ts.permissions]',
      'filesystem = ["read", "workspace-only"]',
      'environment = ["HOME", "USER"]',
    ].join('\n');
    const cfg = await validate(text);
    assert.deepEqual(cfg.diagnostics.map((d) => summary(text, d)), [['W521', 'hint', "'permissions' is the upstream spelling of 'capabilities' (accepted)", 'permissions']]);
    const lib = cfg.libraries[0];
    assert.ok(lib.type === 'wasm');
    assert.deepEqual(lib.capabilities, { fs: 'read', env: ['HOME', 'USER'] });
    const both = '[libraries]\nx = { path = "plugins/deps.wasm", capabilities = {}, permissions = { network = ["example.com"] } }\n';
    assert.deepEqual(await diagnose(both), [['W523', 'warning', "'permissions' is ignored because 'capabilities' is also given", 'permissions']]);
  });

  it('keys without effect and names that are not identifiers are warnings', async () => {
    const text = '[libraries]\nmy-lib = { executable = "x", capabilities = { fs = "read" } }\nw = { path = "plugins/deps.wasm", args = ["a"] }\n';
    const cfg = await validate(text);
    assert.deepEqual(cfg.libraries.map((l) => l.name), ['my-lib', 'w']);
    assert.deepEqual(cfg.diagnostics.map((d) => summary(text, d)), [
      ['W524', 'warning', "Library name 'my-lib' is not an identifier: .hie files cannot import it", 'my-lib'],
      ['W522', 'warning', "'capabilities' has no effect on external libraries: they run as separate processes with your user's permissions", 'capabilities'],
      ['W522', 'warning', "'args' has no effect on WASM libraries", 'args'],
    ]);
  });

  it('uses UTF-16 columns on lines with non-ASCII text', async () => {
    const text = '[libraries]\n"😀é" = { type = "native", executable = "x" }\n';
    const d = (await validate(text)).diagnostics.find((x) => x.code === 'E520')!;
    assert.deepEqual([d.span.start, d.span.end], [{ row: 1, column: 17 }, { row: 1, column: 25 }]);
    assert.equal(text.slice(d.span.startIndex, d.span.endIndex), '"native"');
  });

  it('loadConfig: no file → nothing; unreadable → E510', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'hie-noconf-'));
    assert.deepEqual(await loadConfig(empty), { file: null, text: '', libraries: [], specs: { exclude: [] }, diagnostics: [] });
    fs.mkdirSync(path.join(empty, 'hielements.toml'));
    const cfg = await loadConfig(empty);
    assert.deepEqual(cfg.diagnostics.map((d) => [d.code, d.message.startsWith('Failed to read config file: ')]), [['E510', true]]);
  });
});
