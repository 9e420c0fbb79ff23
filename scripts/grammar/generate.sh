#!/bin/sh
# Regenerate server/grammar/src from grammar.js and rebuild the wasm. Grammar authors only.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
"$HERE/get-tree-sitter-cli.sh" >/dev/null
cd "$HERE/../../server/grammar"
"$HERE/../../.cache/tree-sitter-cli/tree-sitter" generate --no-bindings
"$HERE/build-wasm.sh"
