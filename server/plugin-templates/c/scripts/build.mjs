#!/usr/bin/env node
// `npm run build`: compile src/*.c into __NAME__.wasm, a core module (a WASI "reactor": no
// main, `_initialize` instead). `--check` only says whether the toolchain is there.
//
// Needs clang with wasi-libc and the wasm32 compiler-rt builtins: Debian/Ubuntu
// `apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32`, or the wasi-sdk
// (set $CC to its clang). $CC chooses the compiler (default: clang).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cc = process.env.CC || 'clang';
const flags = ['--target=wasm32-wasi', '-mexec-model=reactor', '-O2', '-Wall', '-Iinclude'];

function toolchainMissing() {
  const dir = mkdtempSync(join(tmpdir(), 'hie-cc-'));
  try {
    writeFileSync(join(dir, 'probe.c'), '#include <stdio.h>\nint probe(void) { return puts("x"); }\n');
    const r = spawnSync(cc, [...flags, '-o', join(dir, 'probe.wasm'), join(dir, 'probe.c')], { encoding: 'utf8' });
    if (r.error) return `${cc} not found`;
    return r.status === 0 ? undefined : (r.stderr.trim().split('\n').pop() ?? `${cc} failed`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const missing = toolchainMissing();
if (missing) {
  console.error(`cannot build for wasm32-wasi (${missing}): install clang, lld, wasi-libc and libclang-rt-14-dev-wasm32 (Debian/Ubuntu), or set CC to wasi-sdk's clang`);
  process.exit(process.argv.includes('--check') ? 3 : 1);
}
if (process.argv.includes('--check')) {
  console.log(`${cc} --target=wasm32-wasi`);
  process.exit(0);
}
const sources = readdirSync(join(root, 'src')).filter((f) => f.endsWith('.c')).map((f) => join('src', f));
const args = [...flags, '-Wl,--strip-all', '-o', '__NAME__.wasm', ...sources];
console.log(`$ ${cc} ${args.join(' ')}`);
const r = spawnSync(cc, args, { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(1);
console.log('built __NAME__.wasm');
