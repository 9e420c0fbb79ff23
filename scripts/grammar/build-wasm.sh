#!/bin/sh
# Compile server/grammar/src/{parser.c,scanner.c} into the web-tree-sitter side module
# server/grammar/tree-sitter-hielements.wasm (a `dylink.0` module importing env.memory).
# Needs Debian's: apt-get install -y --no-install-recommends clang lld wasi-libc
# clang 14's wasm32-wasi target ignores -shared; the emscripten target with explicit
# --shared/--experimental-pic gives the side module that tree-sitter's own build makes.
# -D__wasi__ lets wasi-libc's headers compile under the emscripten target.
set -eu
cd "$(dirname "$0")/../../server/grammar"
OUT=${1:-tree-sitter-hielements.wasm}
${CC:-clang} --target=wasm32-unknown-emscripten -fPIC -fvisibility=hidden -Os -std=c11 \
  -D__wasi__ -nostdlib -nostdlibinc -isystem /usr/include/wasm32-wasi -fno-exceptions -I src \
  -Wl,--shared -Wl,--experimental-pic -Wl,--no-entry -Wl,--allow-undefined \
  -Wl,--export=tree_sitter_hielements -Wl,--strip-debug \
  -o "$OUT" src/parser.c src/scanner.c
