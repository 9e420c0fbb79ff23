import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Value } from '../../../src/eval/values';
import { LibraryError } from '../../../src/libraries/library';
import { loadWasm, type WasmLibrary } from '../../../src/plugins/wasm';
import type { Capabilities } from '../../../src/plugins/types';
import { buildComponentFixture, buildCoreFixture, ctx, makeHostileWorkspace, Recorder, wasmConfig, type HostileWorkspace } from './kit';

/**
 * Every guarantee of wasm-plugins.md §3 against one hostile plugin (test-fixtures/wasm/core/probe.wat),
 * built twice: as a core module (our WASI preview1) and as a component (our WASI 0.2, reached
 * through the preview1 adapter). The errno a refusal shows differs only by the layer that maps it.
 */

const S = (value: string): Value => ({ type: 'string', value });
const I = (value: number): Value => ({ type: 'int', value });
const EROFS = 69;
const unique = (xs: string[]) => [...new Set(xs)];

interface Expect {
  /** errno for a refused path (core: ENOTCAPABLE; adapter maps not-permitted to EPERM). */
  refused: number;
  exitCode: number;
  /** What sock_send gives: core refuses with ENOTCAPABLE; the adapter has no sockets at all and traps. */
  socket: 'refused' | 'trap';
  /** Reply of `hogs` (opens * 1000 + errno): 64 host files per instance, then EMFILE / EDQUOT. */
  tooManyFiles: number;
}

const FORMATS: Array<{ format: 'core' | 'component'; expect: Expect }> = [
  { format: 'core', expect: { refused: 76, exitCode: 3, socket: 'refused', tooManyFiles: 64033 } },
  { format: 'component', expect: { refused: 63, exitCode: 1, socket: 'trap', tooManyFiles: 64019 } },
];

for (const { format, expect } of FORMATS) describe(`wasm ${format}: sandbox guarantees`, function () {
  const ENOTCAPABLE = expect.refused;
  let hw: HostileWorkspace;
  let probe: string;
  const opened: WasmLibrary[] = [];

  async function open(caps: Partial<Capabilities>, limits: { timeoutMs?: number; memoryMb?: number } = {}) {
    const rec = new Recorder();
    const { library, findings } = await loadWasm(wasmConfig('probe', probe, caps, limits), rec.options(hw.ws), { cacheDir: path.join(hw.base, 'jco-cache') });
    opened.push(library);
    const call = (fn: string, arg?: string) => library.call(fn, arg === undefined ? [] : [S(arg)], ctx(hw.ws));
    return { library, findings, rec, call };
  }

  let reader: Awaited<ReturnType<typeof open>>;
  let writer: Awaited<ReturnType<typeof open>>;
  let blind: Awaited<ReturnType<typeof open>>;

  before(async function () {
    hw = makeHostileWorkspace();
    probe = format === 'core' ? await buildCoreFixture('probe.wat', hw.base) : await buildComponentFixture('probe.wat', hw.base);
    reader = await open({ fs: 'read' });
    writer = await open({ fs: 'write' });
    blind = await open({ fs: 'none' });
  });

  after(async function () {
    await Promise.all(opened.map((l) => l.dispose()));
    fs.rmSync(hw.base, { recursive: true, force: true });
  });

  it('reads workspace files (and a symlink that stays inside) with fs = "read", and passes a check', async function () {
    assert.deepEqual(await reader.call('read', 'sub/inner.txt'), S('inner-ok'));
    assert.deepEqual(await reader.call('read', 'ok-link'), S('inner-ok'));
    assert.deepEqual(await reader.library.check('file', [S('package.json')], ctx(hw.ws)), { status: 'pass' });
    assert.deepEqual(await reader.library.check('file', [S('missing.txt')], ctx(hw.ws)), { status: 'fail', message: 'missing.txt' });
    assert.deepEqual(reader.rec.denied, []);
  });

  it('refuses `..` walks out of the workspace and reports them', async function () {
    reader.rec.denied = [];
    assert.deepEqual(await reader.call('read', '../outside/secret.txt'), I(ENOTCAPABLE));
    assert.deepEqual(await reader.call('read', 'sub/../../outside/secret.txt'), I(ENOTCAPABLE));
    assert.deepEqual(reader.rec.denied[0], {
      library: 'probe',
      kind: 'denied',
      capability: 'fs',
      message: 'library `probe` was denied read access to `../outside/secret.txt`: it is outside the workspace',
      origin: { file: 'arch.hie', elementPath: 'app', text: 'check probe.read()' },
      access: { target: '../outside/secret.txt', outside: true, final: 'it is outside the workspace' },
    });
  });

  it('refuses absolute host paths', async function () {
    assert.deepEqual(await reader.call('read', '/etc/passwd'), I(ENOTCAPABLE));
    assert.deepEqual(await reader.call('read', path.join(hw.outside, 'secret.txt')), I(ENOTCAPABLE));
  });

  it('refuses file symlinks (relative and absolute) that resolve outside', async function () {
    assert.deepEqual(await reader.call('read', 'rel-escape'), I(ENOTCAPABLE));
    assert.deepEqual(await reader.call('read', 'abs-escape'), I(ENOTCAPABLE));
    assert.deepEqual(await reader.call('fsta', 'abs-escape'), I(ENOTCAPABLE));
  });

  it('refuses directory symlinks that resolve outside (even for missing files: no existence oracle)', async function () {
    assert.deepEqual(await reader.call('read', 'sub/dir-escape/secret.txt'), I(ENOTCAPABLE));
    assert.deepEqual(await reader.call('fsta', 'sub/dir-escape'), I(ENOTCAPABLE));
    assert.deepEqual(await reader.call('read', 'sub/dir-escape/no-such-file'), I(ENOTCAPABLE));
    assert.deepEqual(await reader.call('read', 'sub/up/sub/inner.txt'), S('inner-ok'));
  });

  it('with fs = "read" refuses every write: create, truncate, mkdir, unlink, rename, symlink', async function () {
    reader.rec.denied = [];
    assert.deepEqual(await reader.call('make', 'new.txt'), I(EROFS));
    assert.deepEqual(await reader.call('trun', 'package.json'), I(EROFS));
    assert.deepEqual(await reader.call('dirm', 'newdir'), I(EROFS));
    assert.deepEqual(await reader.call('unlk', 'package.json'), I(EROFS));
    assert.deepEqual(await reader.call('name', 'Cargo.toml'), I(EROFS));
    assert.deepEqual(await reader.call('syml', 'sub/inner.txt'), I(EROFS));
    assert.equal(fs.existsSync(path.join(hw.ws, 'new.txt')), false);
    assert.equal(fs.existsSync(path.join(hw.ws, 'newdir')), false);
    assert.equal(fs.existsSync(path.join(hw.ws, 'made-link')), false);
    assert.equal(fs.readFileSync(path.join(hw.ws, 'package.json'), 'utf8'), '{"name":"demo","dependencies":{"lodash":"4.17.21"}}\n');
    assert.equal(fs.existsSync(path.join(hw.ws, 'Cargo.toml')), true);
    assert.deepEqual(
      unique(reader.rec.denied.map((d) => d.message)),
      ['new.txt', 'package.json', 'newdir', 'Cargo.toml', 'made-link'].map((p) => `library \`probe\` was denied write access to \`${p}\`: grant \`capabilities.fs = "write"\``),
    );
    assert.equal(reader.rec.denied[0].needed, 'write');
  });

  it('with fs = "write" writes inside the workspace but never creates an escaping symlink or writes through one', async function () {
    assert.deepEqual(await writer.call('make', 'out/../made.txt'), I(0));
    assert.equal(fs.readFileSync(path.join(hw.ws, 'made.txt'), 'utf8'), 'written by plugin');
    assert.deepEqual(await writer.call('syml', '../outside/secret.txt'), I(ENOTCAPABLE));
    assert.deepEqual(await writer.call('syml', '/etc/passwd'), I(ENOTCAPABLE));
    assert.equal(fs.existsSync(path.join(hw.ws, 'made-link')), false);
    assert.deepEqual(await writer.call('make', 'sub/dir-escape/dropped.txt'), I(ENOTCAPABLE));
    assert.deepEqual(await writer.call('trun', 'rel-escape'), I(ENOTCAPABLE));
    assert.equal(fs.existsSync(path.join(hw.outside, 'dropped.txt')), false);
    assert.equal(fs.readFileSync(path.join(hw.outside, 'secret.txt'), 'utf8'), 'TOP-SECRET');
    // sub/up → .. : lexically `sub/up/../outside/…` looks inside, but the link would live in the root
    assert.deepEqual(await writer.call('ymlk', 'sub/up/made2'), I(ENOTCAPABLE));
    assert.equal(fs.existsSync(path.join(hw.ws, 'made2')), false);
    // a target that exists only through an escaping symlink
    assert.deepEqual(await writer.call('syml', 'sub/dir-escape/secret.txt'), I(ENOTCAPABLE));
    assert.deepEqual(await writer.call('syml', 'sub/inner.txt'), I(0));
    // unlinking a symlink removes the link, never its target (inside or outside)
    assert.deepEqual(await writer.call('unlk', 'ok-link'), I(0));
    assert.deepEqual(await writer.call('unlk', 'rel-escape'), I(0));
    assert.equal(fs.existsSync(path.join(hw.ws, 'ok-link')), false);
    assert.equal(fs.readFileSync(path.join(hw.ws, 'sub', 'inner.txt'), 'utf8'), 'inner-ok');
    assert.equal(fs.readFileSync(path.join(hw.outside, 'secret.txt'), 'utf8'), 'TOP-SECRET');
    assert.equal(fs.readlinkSync(path.join(hw.ws, 'made-link')), 'sub/inner.txt');
  });

  it('with no capability every open fails and is reported with the grant that would allow it', async function () {
    blind.rec.denied = [];
    assert.deepEqual(await blind.call('read', 'package.json'), I(ENOTCAPABLE));
    assert.deepEqual(await blind.call('list'), I(100000 + ENOTCAPABLE));
    assert.deepEqual(await blind.library.check('file', [S('Cargo.toml')], ctx(hw.ws, "check probe.file('Cargo.toml')")), { status: 'fail', message: 'Cargo.toml' });
    assert.deepEqual(blind.rec.denied[0], {
      library: 'probe',
      kind: 'denied',
      capability: 'fs',
      needed: 'read',
      message: 'library `probe` was denied read access to `package.json`: grant `capabilities.fs = "read"`',
      origin: { file: 'arch.hie', elementPath: 'app', text: 'check probe.read()' },
      access: { target: 'package.json', outside: false },
    });
    const cargo = blind.rec.denied.find((d) => d.message.includes('Cargo.toml'));
    assert.equal(cargo?.message, 'library `probe` was denied read access to `Cargo.toml`: grant `capabilities.fs = "read"`');
    assert.equal(cargo?.origin?.text, "check probe.file('Cargo.toml')");
  });

  it('shows only granted environment variables', async function () {
    process.env.HIE_TEST_SECRET_TOKEN = 'hunter2';
    process.env.HIE_TEST_VISIBLE = 'yes';
    try {
      const granted = await open({ env: ['HIE_TEST_VISIBLE', 'HIE_TEST_ABSENT'] });
      assert.deepEqual(await granted.call('envv'), S('HIE_TEST_VISIBLE=yes '));
      assert.deepEqual(await blind.call('envv'), S(''));
    } finally {
      delete process.env.HIE_TEST_SECRET_TOKEN;
      delete process.env.HIE_TEST_VISIBLE;
    }
  });

  it('argv is empty and the only directory is /workspace', async function () {
    assert.deepEqual(await reader.call('argv'), I(0));
    assert.deepEqual(await reader.call('cwdp'), S('/workspace'));
    assert.deepEqual(await reader.call('pre4'), I(8));
  });

  it('exit traps the plugin, not the host; the next call works', async function () {
    await assert.rejects(reader.call('quit'), (e: unknown) => {
      assert.ok(e instanceof LibraryError);
      assert.equal(e.code, 'E607');
      assert.equal(e.message, `WASM library \`probe\` trapped: plugin called exit(${expect.exitCode})`);
      return true;
    });
    assert.deepEqual(await reader.call('read', 'sub/inner.txt'), S('inner-ok'));
  });

  it('an endless loop times out with an Error, and the next call gets a fresh instance', async function () {
    const looper = await open({ fs: 'read' }, { timeoutMs: 300 });
    await assert.rejects(looper.call('whil'), (e: unknown) => {
      assert.ok(e instanceof LibraryError);
      assert.equal(e.code, 'E606');
      assert.equal(e.message, 'WASM library `probe`: call timed out after 300 ms (limits.timeout_ms)');
      return true;
    });
    assert.deepEqual(await looper.call('read', 'sub/inner.txt'), S('inner-ok'));
  });

  it('a cancelled call (CallContext.signal) stops the plugin, and the next call works', async function () {
    const looper = await open({ fs: 'read' }, { timeoutMs: 60_000 });
    const abort = new AbortController();
    const pending = looper.library.call('whil', [], { ...ctx(hw.ws), signal: abort.signal });
    setTimeout(() => abort.abort(), 100);
    await assert.rejects(pending, { code: 'E606', message: 'WASM library `probe`: call cancelled' });
    assert.deepEqual(await looper.call('read', 'sub/inner.txt'), S('inner-ok'));
  });

  it('cannot exhaust the host\'s file descriptors', async function () {
    const hog = await open({ fs: 'read' });
    assert.deepEqual(await hog.call('hogs', 'package.json'), I(expect.tooManyFiles));
  });

  it('cannot flood the log: output is capped per call', async function () {
    const noisy = await open({});
    assert.deepEqual(await noisy.call('gush'), I(1000));
    assert.equal(noisy.rec.logs.length, 201);
    assert.equal(noisy.rec.logs[0], '[wasm:probe] stdout: "params":null}');
    assert.equal(noisy.rec.logs[200], '[wasm:probe] stderr: [further output of this call dropped]');
  });

  it('a memory bomb hits limits.memory_mb and becomes a plugin Error', async function () {
    const bomber = await open({}, { memoryMb: 4 });
    await assert.rejects(bomber.call('bomb'), (e: unknown) => {
      assert.ok(e instanceof LibraryError);
      assert.equal(e.code, 'E607');
      assert.match(e.message, /^WASM library `probe` trapped: trap: .*unreachable.* \(linear memory \d\.\d MiB of limits\.memory_mb = 4\)$/);
      return true;
    });
    assert.deepEqual(await bomber.call('argv'), I(0));
  });

  it('has no sockets: sock_* calls are refused', async function () {
    if (expect.socket === 'refused') assert.deepEqual(await reader.call('ksok'), I(ENOTCAPABLE));
    else await assert.rejects(reader.call('ksok'), { code: 'E607' });
    assert.deepEqual(await reader.call('read', 'sub/inner.txt'), S('inner-ok'));
  });

  it('a plugin error (`err` / {"error"}) is an Error with the plugin\'s message', async function () {
    await assert.rejects(reader.call('xfai'), { code: 'E605', message: 'plugin failed on purpose' });
  });

  it('plugin stdout goes to the log, never to the process stdout (the LSP stream)', async function () {
    const written: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    reader.rec.logs = [];
    try {
      assert.deepEqual(await reader.call('out!'), I(0));
    } finally {
      process.stdout.write = original;
    }
    assert.deepEqual(written, []);
    assert.deepEqual(reader.rec.logs, ['[wasm:probe] stdout: Content-Length: 47\r', '[wasm:probe] stdout: \r', '[wasm:probe] stdout: {"jsonrpc":"2.0","method":"exit","params":null}']);
  });
});
