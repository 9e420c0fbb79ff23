import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PluginHost } from '../../src/plugins/host';
import { ExternalLibrary } from '../../src/plugins/external/externalLibrary';
import type { Library, LibraryDoc } from '../../src/libraries/library';
import type { LoadWasmLibrary, WasmLibraryConfig } from '../../src/plugins/types';
import { REC_JS, ctx, isRunning, loggedLines, tempDir } from './external/fixtureSupport';

/** A built-in stand-in: a named library that answers nothing (only its identity matters here). */
function builtin(name: string): Library {
  const doc: LibraryDoc = { name, description: 'built-in', version: '1.0.0', functions: [], checks: [] };
  return {
    name,
    kind: 'builtin',
    call: async () => ({ type: 'null' }),
    check: async () => ({ status: 'pass' }),
    doc: async () => doc,
  };
}

const VALID_WASM = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
const BROKEN_WASM = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0xff, 0xff]);

/** The lib setting of this project has no WebAssembly typings; Node has the global. */
const WebAssembly = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<unknown> } }).WebAssembly;

/** A minimal real loader: compiles the module with WebAssembly and reports a static finding. */
const compileOnlyLoader: LoadWasmLibrary = async (config: WasmLibraryConfig) => {
  await WebAssembly.compile(fs.readFileSync(config.path));
  const library: Library = { ...builtin(config.name), kind: 'wasm' };
  const findings = config.capabilities.fs !== 'none' ? [{ library: config.name, kind: 'unused' as const, capability: 'fs' as const, message: `library \`${config.name}\` cannot use fs` }] : [];
  return { library, findings };
};

function workspace(toml: string): string {
  const ws = tempDir('hie-host-');
  fs.writeFileSync(path.join(ws, 'hielements.toml'), toml);
  return ws;
}

const q = (s: string): string => JSON.stringify(s);

describe('PluginHost', () => {
  const hosts: PluginHost[] = [];
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((h) => h.dispose()));
  });
  function host(ws: string, extra: Partial<ConstructorParameters<typeof PluginHost>[0]> = {}): PluginHost {
    const h = new PluginHost({ workspaceRoot: ws, builtins: [builtin('files'), builtin('rust'), builtin('python')], ...extra });
    hosts.push(h);
    return h;
  }

  it('V-05: registers configured external libraries after the built-ins without starting them', async () => {
    const ws = workspace('[libraries]\npython = { executable = "hielements-python", args = [] }\ndocker = { executable = "hielements-docker" }\n');
    const state = await host(ws).load();
    assert.deepEqual(state.registry.names(), ['files', 'rust', 'python', 'docker']);
    assert.equal(state.registry.get('python')?.kind, 'external', 'a plugin replaces the built-in of the same name');
    assert.equal(state.registry.get('files')?.kind, 'builtin');
    // replacing a built-in is explicit (trust.md §1): a warning on the entry
    assert.deepEqual(
      state.diagnostics.map((d) => [d.severity, d.code, d.message, d.span.start.row, d.span.start.column, d.span.end.column]),
      [['warning', 'W525', "Library 'python' replaces the built-in library 'python': every python.* call in .hie files goes to this plugin", 1, 0, 6]],
    );
    assert.ok(state.plugins.every((p) => p instanceof ExternalLibrary && p.pid === undefined));
  });

  it('no hielements.toml: only the built-ins', async () => {
    const state = await host(tempDir()).load();
    assert.deepEqual(state.registry.names(), ['files', 'rust', 'python']);
    assert.equal(state.config.file, null);
  });

  it('X-09: a plugin named `files` serves every files.* call', async () => {
    const ws = tempDir('hie-host-');
    const log = path.join(ws, 'log.txt');
    fs.writeFileSync(path.join(ws, 'hielements.toml'), `[libraries]\nfiles = { executable = ${q(process.execPath)}, args = [${q(REC_JS)}, ${q(log)}] }\n`);
    const state = await host(ws).load();
    const files = state.registry.get('files')!;
    assert.deepEqual(await files.check('exists', [], ctx()), { status: 'pass' });
    assert.equal(JSON.parse(loggedLines(log)[0]).method, 'library.check');
  });

  it('X-11 and V-06: WASM entries without a loader are not registered and get E529 on their name', async () => {
    const toml = '[libraries]\nts = { type = "wasm", path = "lib/ts.wasm" }\ncustom = { executable = "./custom.py" }\n';
    const ws = workspace(toml);
    fs.mkdirSync(path.join(ws, 'lib'));
    fs.writeFileSync(path.join(ws, 'lib', 'ts.wasm'), VALID_WASM);
    const state = await host(ws).load();
    assert.equal(state.registry.has('ts'), false);
    assert.equal(state.registry.has('custom'), true);
    assert.deepEqual(
      state.diagnostics.map((d) => [d.code, d.severity, d.message, toml.slice(d.span.startIndex, d.span.endIndex)]),
      [['E529', 'error', "WASM plugins are not available in this build: library 'ts' is not loaded", 'ts']],
    );
  });

  it('loads WASM entries through the injected loader; a module it refuses is E528 on the entry', async () => {
    const toml = '[libraries.good]\npath = "good.wasm"\ncapabilities = { fs = "read" }\n\n[libraries.bad]\npath = "bad.wasm"\n';
    const ws = workspace(toml);
    fs.writeFileSync(path.join(ws, 'good.wasm'), VALID_WASM);
    fs.writeFileSync(path.join(ws, 'bad.wasm'), BROKEN_WASM);
    const state = await host(ws, { loadWasm: compileOnlyLoader }).load();
    assert.equal(state.registry.get('good')?.kind, 'wasm');
    assert.equal(state.registry.has('bad'), false);
    assert.deepEqual(state.findings.map((f) => [f.library, f.kind, f.capability]), [['good', 'unused', 'fs']]);
    assert.equal(state.diagnostics.length, 1);
    const d = state.diagnostics[0];
    assert.equal(d.code, 'E528');
    assert.match(d.message, /^Failed to load WASM library 'bad': WebAssembly\.compile\(\): /);
    assert.equal(toml.slice(d.span.startIndex, d.span.endIndex), 'bad');
  });

  it('keeps config diagnostics and the valid entries', async () => {
    const ws = workspace('[libraries]\ngood = { executable = "good-plugin" }\nbad = { args = ["x"] }\n');
    const state = await host(ws).load();
    assert.ok(state.registry.has('good'));
    assert.deepEqual(state.diagnostics.map((d) => d.code), ['E512']);
  });

  it('watchedFiles(): the config, wasm modules (also missing ones) and plugin files', async () => {
    const ws = workspace(`[libraries]\nrec = { executable = ${q(process.execPath)}, args = [${q(REC_JS)}, "--flag"] }\nlocal = { executable = "./bin/plug" }\nw = { path = "w.wasm" }\n`);
    fs.writeFileSync(path.join(ws, 'w.wasm'), VALID_WASM);
    const h = host(ws, { externalCwd: ws });
    assert.deepEqual(h.watchedFiles(), [path.join(ws, 'hielements.toml')]);
    await h.load();
    assert.deepEqual(h.watchedFiles().sort(), [path.join(ws, 'hielements.toml'), process.execPath, REC_JS, path.join(ws, 'bin', 'plug'), path.join(ws, 'w.wasm')].sort());
    const ws2 = workspace('[libraries]\nw = { path = "later.wasm" }\n');
    const h2 = host(ws2);
    await h2.load();
    assert.deepEqual(h2.watchedFiles(), [path.join(ws2, 'hielements.toml'), path.join(ws2, 'later.wasm')]);
  });

  it('reload() after hielements.toml changed: old processes stopped, new config applied', async () => {
    const ws = tempDir('hie-host-');
    const log = path.join(ws, 'log.txt');
    const entry = (name: string) => `${name} = { executable = ${q(process.execPath)}, args = [${q(REC_JS)}, ${q(log)}] }`;
    fs.writeFileSync(path.join(ws, 'hielements.toml'), `[libraries]\n${entry('one')}\n`);
    const h = host(ws);
    const first = await h.load();
    assert.equal(await h.load(), first, 'load() is idempotent');
    const one = first.registry.get('one') as ExternalLibrary;
    await one.check('c', [], ctx());
    const pid = one.pid!;
    fs.writeFileSync(path.join(ws, 'hielements.toml'), `[libraries]\n${entry('two')}\n`);
    const second = await h.reload();
    assert.equal(isRunning(pid), false);
    assert.deepEqual(second.registry.names(), ['files', 'rust', 'python', 'two']);
    assert.equal(h.state, second);
  });

  it('dispose() leaves no plugin process behind', async () => {
    const ws = tempDir('hie-host-');
    const libs = ['a', 'b', 'c'];
    fs.writeFileSync(
      path.join(ws, 'hielements.toml'),
      `[libraries]\n${libs.map((n) => `${n} = { executable = ${q(process.execPath)}, args = [${q(REC_JS)}, ${q(path.join(ws, n + '.log'))}] }`).join('\n')}\n`,
    );
    const h = host(ws);
    const state = await h.load();
    const plugins = libs.map((n) => state.registry.get(n) as ExternalLibrary);
    await Promise.all(plugins.map((p) => p.check('c', [], ctx())));
    const pids = plugins.map((p) => p.pid!);
    assert.ok(pids.every((p) => typeof p === 'number' && isRunning(p)));
    process.kill(pids[2], 'SIGSTOP'); // one plugin that cannot react to its stdin closing
    await h.dispose();
    assert.deepEqual(pids.filter(isRunning), []);
    assert.equal(h.state, undefined);
  });
});
