/** `hielements.toml` written by `hielements init`: comments and an empty [libraries] table. */
export const CONFIG_FILE = `# Hielements configuration
#
# Libraries used by .hie files besides the built-ins (files, rust, python).
#
# External process plugin (JSON-RPC over stdin/stdout):
#   mylib = { executable = "node", args = ["tools/mylib.js"] }
#
# Sandboxed WebAssembly plugin:
#   deps = { type = "wasm", path = "plugins/deps.wasm", capabilities = { fs = "read" } }
#
# Then write \`import mylib\` in a .hie file and use \`mylib.some_check(...)\`.

[libraries]
`;
