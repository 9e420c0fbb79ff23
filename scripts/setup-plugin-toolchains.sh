#!/usr/bin/env bash
# The toolchains the plugin template tests build with (server/test/cli/plugin/templateBuilds):
# clang + wasi-libc + the wasm32 compiler-rt builtins (C template), Debian's rustc/cargo with
# the wasm32-wasi standard library (Rust template), python3 (Python template). The JS and
# AssemblyScript templates install theirs from npm. Installs what is missing with apt (root,
# Debian/Ubuntu); elsewhere it says what to install, and those template tests are skipped.
set -uo pipefail
PACKAGES="python3 clang lld wasi-libc libclang-rt-14-dev-wasm32 rustc cargo libstd-rust-dev-wasm32"
missing=""
for p in $PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -z "$missing" ]; then
  echo "plugin toolchains: all installed"
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "plugin toolchains: missing$missing (install them as root with apt-get; the template tests that need them are skipped)"
  exit 0
fi
echo "plugin toolchains: installing$missing"
# one apt at a time on a shared machine
lock() { if command -v flock >/dev/null; then flock /tmp/apt.lock "$@"; else "$@"; fi; }
lock apt-get update -qq && lock apt-get install -y -qq --no-install-recommends $missing >/dev/null
