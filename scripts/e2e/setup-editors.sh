#!/bin/sh
# Installs what the real-editor tests need on Debian 12 (root, network = Debian apt + npm registry only).
# Idempotent and fast when everything is already there.
#
#   scripts/e2e/setup-editors.sh tests         # what `npm test` needs: neovim, emacs-nox + elpa-eglot (README snippet tests),
#                                              # python3-junitparser (JUnit output judged by a consumer written elsewhere)
#   scripts/e2e/setup-editors.sh neovim        # apt neovim only (cheap, ~10 s) -> server/test/e2e/neovim.test.ts
#   scripts/e2e/setup-editors.sh code-server   # apt chromium etc. + code-server 4.100.3 + playwright-core (minutes)
#   scripts/e2e/setup-editors.sh all
#
# code-server and playwright-core go to $HIELEMENTS_EDITOR_CACHE/code-server (default <repo>/.cache/code-server);
# scripts/e2e/code-server-e2e.js finds them there.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${HIELEMENTS_EDITOR_CACHE:-$ROOT/.cache}
CS_VERSION=4.100.3          # newest code-server whose engines.node is 20 (VS Code 1.100.3)
PLAYWRIGHT_VERSION=1.65.1   # playwright-core only: drives Debian's chromium, downloads no browser
RG_PKG_VERSION=1.15.11      # @vscode/ripgrep version pinned by code-server 4.100.3
RG_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
CS_DIR=$CACHE/code-server

log() { echo "[setup-editors] $*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else log "need root (or sudo) to run: $*"; exit 1
  fi
}

# apt_install PKG... : installs only the packages that are missing; runs `apt-get update` only when needed.
apt_install() {
  missing=""
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  [ -z "$missing" ] && { log "apt: already installed: $*"; return 0; }
  log "apt: installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  # shellcheck disable=SC2086
  if ! as_root apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends $missing; then
    as_root apt-get -o DPkg::Lock::Timeout=600 update
    # shellcheck disable=SC2086
    as_root apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends $missing
  fi
}

setup_neovim() {
  apt_install neovim
  nvim --version | head -1 >&2
}

setup_tests() {
  setup_neovim
  apt_install emacs-nox elpa-eglot python3-junitparser
  emacs --version | head -1 >&2
}

cs_installed() {
  [ -x "$CS_DIR/node_modules/.bin/code-server" ] &&
    XDG_CONFIG_HOME="$CACHE/tmp/xdg" "$CS_DIR/node_modules/.bin/code-server" --version 2>/dev/null | grep -q "^$CS_VERSION " &&  # 1st run may print a config notice first
    [ -f "$CS_DIR/node_modules/playwright-core/package.json" ]
}

setup_code_server() {
  # chromium + fonts for the browser; ripgrep to seed @vscode/ripgrep; libkrb5-dev, g++, make, python3
  # for the native modules that are built from source because their prebuilt binaries live on GitHub.
  apt_install chromium fonts-dejavu-core ripgrep libkrb5-dev g++ make python3
  if cs_installed; then log "code-server $CS_VERSION already in $CS_DIR"; return 0; fi

  mkdir -p "$CS_DIR" "$CACHE/tmp/vscode-ripgrep-cache-$RG_PKG_VERSION" "$CACHE/tmp/rgseed"
  # @vscode/ripgrep's postinstall downloads rg from api.github.com (unreachable): pre-seed its download
  # cache (it looks in $TMPDIR/vscode-ripgrep-cache-<version>/) with Debian's identical rg 13.0.0.
  if [ ! -f "$CACHE/tmp/vscode-ripgrep-cache-$RG_PKG_VERSION/$RG_ASSET" ]; then
    cp "$(command -v rg)" "$CACHE/tmp/rgseed/rg"
    tar czf "$CACHE/tmp/vscode-ripgrep-cache-$RG_PKG_VERSION/$RG_ASSET" -C "$CACHE/tmp/rgseed" rg
  fi
  [ -f "$CS_DIR/package.json" ] || echo '{"name":"hielements-code-server-host","private":true}' > "$CS_DIR/package.json"
  log "installing code-server@$CS_VERSION and playwright-core@$PLAYWRIGHT_VERSION into $CS_DIR (takes minutes)"
  # npm_config_nodedir: node-gyp uses /usr/include/node instead of downloading headers from nodejs.org.
  # npm_config_yes: node-pty's postinstall runs `npx node-gyp`, which must not prompt.
  # --unsafe-perm: install scripts must run as root.
  (cd "$CS_DIR" && TMPDIR="$CACHE/tmp" npm_config_nodedir=/usr npm_config_yes=true \
    npm install --unsafe-perm --foreground-scripts --no-audit --no-fund --save-exact \
      "code-server@$CS_VERSION" "playwright-core@$PLAYWRIGHT_VERSION")
  cs_installed || { log "code-server install finished but '$CS_DIR/node_modules/.bin/code-server --version' is not $CS_VERSION"; exit 1; }
  log "code-server $(XDG_CONFIG_HOME="$CACHE/tmp/xdg" "$CS_DIR/node_modules/.bin/code-server" --version | grep "^$CS_VERSION ")"
}

case "${1:-all}" in
  tests) setup_tests ;;
  neovim) setup_neovim ;;
  code-server) setup_code_server ;;
  all) setup_tests; setup_code_server ;;
  *) echo "usage: $0 [tests|neovim|code-server|all]" >&2; exit 2 ;;
esac
