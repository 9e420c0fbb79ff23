import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import wabtInit from 'wabt';
import { TempWorkspace } from '../../helpers/cliHarness';
import { buildComponentText, buildCoreFixture, repoRoot } from '../../plugins/wasm/kit';

/** `hielements plugin inspect`: every example plugin, and modules the host refuses. */
describe('cli: plugin inspect', function () {
  this.timeout(120_000);
  let ws: TempWorkspace;
  before(() => (ws = new TempWorkspace()));
  after(() => ws.dispose());
  const example = (...p: string[]) => path.join(repoRoot(), 'plugins', 'examples', ...p);
  const inspect = async (file: string) => {
    const r = await ws.cli('plugin', 'inspect', file, '--format', 'json');
    return { exit: r.exit, stderr: r.stderr, report: r.stdout ? JSON.parse(r.stdout) : undefined };
  };

  it('the AssemblyScript example: the whole JSON report', async function () {
    const { exit, report } = await inspect(example('as-size', 'size.wasm'));
    assert.equal(exit, 0);
    assert.deepEqual(Object.keys(report), ['file', 'format', 'exports', 'imports', 'capabilities', 'refused', 'missing', 'loadable', 'library']);
    assert.deepEqual({ ...report, library: undefined }, {
      file: example('as-size', 'size.wasm'),
      format: 'core',
      exports: ['alloc', 'dealloc', 'library_call', 'library_check', 'library_name', 'library_doc', 'memory'],
      imports: ['env.abort', 'wasi_snapshot_preview1.path_open', 'wasi_snapshot_preview1.fd_read', 'wasi_snapshot_preview1.fd_close'],
      capabilities: { fs: 'read' },
      refused: [],
      missing: [],
      loadable: true,
      library: undefined,
    });
    assert.deepEqual(report.library.name, 'size');
    assert.deepEqual(report.library.functions.map((f: { name: string }) => f.name), ['lines']);
    assert.deepEqual(report.library.checks[0], {
      name: 'max_lines',
      description: 'Every file of the scope has at most max lines',
      parameters: [
        { name: 'scope', param_type: 'Scope', description: 'files to measure' },
        { name: 'max', param_type: 'integer', description: 'largest allowed line count' },
      ],
      return_type: 'CheckResult',
      example: 'check size.max_lines(src, 300)',
    });
  });

  const examples: Array<[string, string, 'core' | 'component', string[], string[]]> = [
    ['c-todos/todos.wasm', 'todos', 'core', ['count'], ['none_in']],
    ['rust-cargo/cargo.wasm', 'cargo', 'core', ['dependencies'], ['forbids', 'no_unsafe']],
    ['js-deps/deps.wasm', 'deps', 'component', ['list'], ['forbids', 'requires']],
  ];
  for (const [file, name, format, functions, checks] of examples) {
    it(`the ${name} example (${format}) loads, needs fs = "read" and documents itself`, async function () {
      const { exit, report } = await inspect(example(...file.split('/')));
      assert.equal(exit, 0);
      assert.deepEqual([report.format, report.refused, report.missing, report.loadable, report.capabilities.fs], [format, [], [], true, 'read']);
      assert.deepEqual([report.library.name, report.library.functions.map((f: { name: string }) => f.name), report.library.checks.map((f: { name: string }) => f.name)], [name, functions, checks]);
      if (format === 'component') {
        assert.deepEqual(report.exports, ['hielements:plugin/library@0.1.0']);
        assert.ok(report.imports.includes('wasi:filesystem/preopens@0.2.12'), report.imports.join(', '));
        assert.ok(report.imports.every((i: string) => /^wasi:(io|clocks|cli|filesystem|random)\/[a-z-]+@0\.2\.\d+$/.test(i)), report.imports.join(', '));
      }
    });
  }

  it('human output: what it needs and whether it loads', async function () {
    const r = await ws.cli('plugin', 'inspect', example('rust-cargo', 'cargo.wasm'));
    assert.equal(r.exit, 0);
    assert.match(r.stdout, /^capabilities: {2}capabilities = \{ fs = "read" \} \(it may read environment variables: only the names listed in capabilities\.env exist for it\)$/m);
    assert.match(r.stdout, /^refused: {7}none$/m);
    assert.match(r.stdout, /^ {2}check cargo\.no_unsafe\(scope: Scope\)\n {6}Passes when no file of the scope contains an `unsafe` block, fn or impl\n {6}e\.g\. check cargo\.no_unsafe\(crate\)$/m);
    assert.match(r.stdout, /verdict: {7}loads\n$/);
  });

  it('a core module importing a host function outside the allow-list: refused, not run', async function () {
    const file = await buildCoreFixture('bad-import.wat', ws.dir);
    const { exit, report } = await inspect(file);
    assert.equal(exit, 1);
    assert.deepEqual([report.refused, report.loadable, report.library], [['env.system'], false, null]);
    const human = await ws.cli('plugin', 'inspect', file);
    assert.match(human.stdout, /^refused: {7}env\.system \(the host does not load a plugin with these imports\)$/m);
    assert.match(human.stdout, /verdict: {7}refused\n$/);
  });

  it('a core module without library_check: missing export', async function () {
    const wabt = await wabtInit();
    const mod = wabt.parseWat('m.wat', '(module (memory (export "memory") 1) (func (export "alloc") (param i32) (result i32) i32.const 0) (func (export "library_call") (param i32 i32) (result i64) i64.const 0))', {});
    const file = path.join(ws.dir, 'no-check.wasm');
    fs.writeFileSync(file, mod.toBinary({}).buffer);
    mod.destroy();
    const { exit, report } = await inspect(file);
    assert.equal(exit, 1);
    assert.deepEqual([report.exports, report.imports, report.capabilities, report.refused, report.missing, report.loadable, report.library], [['memory', 'alloc', 'library_call'], [], {}, [], ['library_check'], false, null]);
  });

  it('components importing sockets or http are refused; one without the library export is missing it', async function () {
    for (const [wat, spec] of [['sockets.wat', 'wasi:sockets/tcp-create-socket@0.2.3'], ['http.wat', 'wasi:http/outgoing-handler@0.2.3']]) {
      const { exit, report } = await inspect(await buildComponentText(wat, ws.dir));
      assert.deepEqual([exit, report.format, report.imports, report.refused, report.loadable], [1, 'component', [spec], [spec], false]);
    }
    const { exit, report } = await inspect(await buildComponentText('empty.wat', ws.dir));
    assert.deepEqual([exit, report.exports, report.missing, report.library], [1, [], ['hielements:plugin/library@0.1.0'], null]);
  });

  it('a file that is not WebAssembly, or is missing: a clear error', async function () {
    const notWasm = await ws.cli('plugin', 'inspect', example('external-naming', 'naming.js'));
    assert.deepEqual([notWasm.exit, notWasm.stdout], [2, '']);
    assert.match(notWasm.stderr, /^error: cannot inspect '.*naming\.js': not a WebAssembly file \(bad magic number\)\n$/);
    const missing = await ws.cli('plugin', 'inspect', 'nope.wasm');
    assert.equal(missing.exit, 2);
    assert.match(missing.stderr, /^error: cannot inspect 'nope\.wasm': No such file or directory/);
  });
});
