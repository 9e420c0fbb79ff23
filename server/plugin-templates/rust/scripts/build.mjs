#!/usr/bin/env node
// `npm run build`: compile the crate for wasm32-wasip1 (called wasm32-wasi before Rust 1.78)
// and copy the module to __NAME__.wasm. `--check` only says whether a toolchain is there.
//
// Any Rust works whose standard library for that target is installed: rustup
// (`rustup target add wasm32-wasip1`) or Debian/Ubuntu (`apt-get install rustc cargo
// libstd-rust-dev-wasm32`, rustc 1.63). $RUSTC and $CARGO choose a toolchain; otherwise the
// one on PATH is tried first, then Debian's in /usr/bin (a rustup toolchain without the
// target often comes first on PATH).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const NAME = '__NAME__';

const candidates = [
  { rustc: process.env.RUSTC || 'rustc', cargo: process.env.CARGO || 'cargo' },
  { rustc: '/usr/bin/rustc', cargo: '/usr/bin/cargo' },
];

/** A toolchain and target whose wasm standard library is installed, or undefined. */
function findToolchain() {
  for (const tc of candidates) {
    for (const target of ['wasm32-wasip1', 'wasm32-wasi']) {
      const r = spawnSync(tc.rustc, ['--print', 'target-libdir', '--target', target], { encoding: 'utf8' });
      const dir = r.status === 0 ? r.stdout.trim() : '';
      if (dir && existsSync(dir) && readdirSync(dir).some((f) => f.startsWith('libstd-'))) return { ...tc, target };
    }
  }
  return undefined;
}

const tc = findToolchain();
if (!tc) {
  console.error('no Rust toolchain with the wasm32-wasip1 (or wasm32-wasi) standard library: `rustup target add wasm32-wasip1`, or on Debian/Ubuntu `apt-get install rustc cargo libstd-rust-dev-wasm32`');
  process.exit(process.argv.includes('--check') ? 3 : 1);
}
if (process.argv.includes('--check')) {
  console.log(`${tc.cargo} (${tc.rustc}) --target ${tc.target}`);
  process.exit(0);
}
console.log(`$ RUSTC=${tc.rustc} ${tc.cargo} build --release --offline --target ${tc.target}`);
const build = spawnSync(tc.cargo, ['build', '--release', '--offline', '--target', tc.target], { cwd: root, stdio: 'inherit', env: { ...process.env, RUSTC: tc.rustc } });
if (build.status !== 0) process.exit(1);
copyFileSync(join(root, 'target', tc.target, 'release', `${NAME}.wasm`), join(root, `${NAME}.wasm`));
console.log(`built ${NAME}.wasm`);
