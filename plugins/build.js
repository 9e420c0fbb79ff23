#!/usr/bin/env node
// Builds the example plugins from source (the built .wasm files are committed, so tests
// and the demo never need this toolchain):
//
//   node plugins/build.js                 install the build tools (npm ci in plugins/), build all
//   node plugins/build.js js as           only some: js (jco componentize), as (AssemblyScript), c (clang), rust (cargo)
//   node plugins/build.js --no-install    use the tools already in plugins/node_modules
//
// The C example needs clang, lld, wasi-libc and the wasm32 compiler-rt builtins
// (Debian: `apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32`); without them
// it is skipped with a message and the committed todos.wasm is kept. The Rust example needs a
// Rust with the wasm32-wasip1 / wasm32-wasi standard library (Debian: `apt-get install rustc
// cargo libstd-rust-dev-wasm32`); without it the committed cargo.wasm is kept.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const here = __dirname;
const bin = (name) => path.join(here, 'node_modules', '.bin', name);

function run(cmd, args, opts = {}) {
  console.error(`$ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: here, stdio: 'inherit', ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} exited with ${r.status}`);
}

function has(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

/** A Rust toolchain whose wasm32-wasip1 / wasm32-wasi standard library is installed (PATH first, then Debian's). */
function rustToolchain() {
  for (const tc of [{ rustc: process.env.RUSTC || 'rustc', cargo: process.env.CARGO || 'cargo' }, { rustc: '/usr/bin/rustc', cargo: '/usr/bin/cargo' }]) {
    for (const target of ['wasm32-wasip1', 'wasm32-wasi']) {
      const r = spawnSync(tc.rustc, ['--print', 'target-libdir', '--target', target], { encoding: 'utf8' });
      const dir = r.status === 0 ? r.stdout.trim() : '';
      if (dir && fs.existsSync(dir) && fs.readdirSync(dir).some((f) => f.startsWith('libstd-'))) return { ...tc, target };
    }
  }
  return undefined;
}

const targets = {
  // JavaScript → component (world plugin-fs). StarlingMonkey needs no http/fetch-event for a library.
  js: () =>
    run(bin('jco'), ['componentize', 'examples/js-deps/deps.js', '--wit', '../server/plugin-templates/wit', '--world-name', 'plugin-fs', '-d', 'http', 'fetch-event', '-o', 'examples/js-deps/deps.wasm']),
  // AssemblyScript → core module (ABI v1). The minimal runtime collects only when the plugin asks.
  as: () => run(bin('asc'), ['examples/as-size/assembly/index.ts', '-O3', '--runtime', 'minimal', '-o', 'examples/as-size/size.wasm']),
  // C → core module (ABI v1) with wasi-libc (a reactor: no main, `_initialize` instead).
  c: () => {
    const probe = path.join(require('node:os').tmpdir(), `hie-clang-probe-${process.pid}`);
    fs.writeFileSync(`${probe}.c`, 'int f(void) { return 1; }\n');
    const ok = has('clang', ['--target=wasm32-wasi', '-mexec-model=reactor', '-o', `${probe}.wasm`, `${probe}.c`]);
    fs.rmSync(`${probe}.c`, { force: true });
    fs.rmSync(`${probe}.wasm`, { force: true });
    if (!ok) {
      console.error('skipping c: clang cannot target wasm32-wasi here (install clang lld wasi-libc libclang-rt-14-dev-wasm32); keeping the committed todos.wasm');
      return;
    }
    run('clang', ['--target=wasm32-wasi', '-mexec-model=reactor', '-O2', '-Wall', '-Wl,--strip-all', '-o', 'examples/c-todos/todos.wasm', 'examples/c-todos/todos.c']);
  },
  // Rust → core module (ABI v1) reading files with std::fs; the crate has no dependencies (builds offline).
  rust: () => {
    const tc = rustToolchain();
    if (!tc) {
      console.error('skipping rust: no Rust with the wasm32-wasip1/wasm32-wasi standard library (Debian: apt-get install rustc cargo libstd-rust-dev-wasm32); keeping the committed cargo.wasm');
      return;
    }
    const dir = path.join(here, 'examples', 'rust-cargo');
    run(tc.cargo, ['build', '--release', '--offline', '--target', tc.target, '--target-dir', path.join(require('node:os').tmpdir(), `hie-rust-cargo-${process.getuid?.() ?? 'user'}`)], { cwd: dir, env: { ...process.env, RUSTC: tc.rustc } });
    fs.copyFileSync(path.join(require('node:os').tmpdir(), `hie-rust-cargo-${process.getuid?.() ?? 'user'}`, tc.target, 'release', 'cargo_plugin.wasm'), path.join(dir, 'cargo.wasm'));
  },
};

function main() {
  const args = process.argv.slice(2);
  const install = !args.includes('--no-install');
  const wanted = args.filter((a) => !a.startsWith('--'));
  for (const w of wanted) if (!(w in targets)) throw new Error(`unknown target ${w} (known: ${Object.keys(targets).join(', ')})`);
  const chosen = wanted.length > 0 ? wanted : Object.keys(targets);
  const needsTools = chosen.some((t) => t === 'js' || t === 'as');
  if (install && needsTools) {
    // Not an npm workspace of the repository: the build tools stay out of the product's install.
    run('npm', [fs.existsSync(path.join(here, 'package-lock.json')) ? 'ci' : 'install', '--no-audit', '--no-fund']);
  }
  for (const t of chosen) {
    console.error(`building ${t}`);
    targets[t]();
  }
}

try {
  main();
} catch (e) {
  console.error(`build failed: ${e.message}`);
  process.exit(1);
}
