/**
 * Codes used by the plugin host (config loader, external plugins, host). Reference codes
 * keep their meaning (plugins.md §3.6); new ones are ours.
 *
 * | Code   | Severity | Where            | Meaning |
 * |--------|----------|------------------|---------|
 * | E500   | error    | call             | `Failed to start external library '<name>': <os error>` (spawn failed) |
 * | E503   | error    | call             | `Failed to write to external process: …` |
 * | E505   | error    | call             | `Failed to read from external process: …` (read error, response line over the size cap) |
 * | E506   | error    | call             | `Failed to parse response: <detail>. Response was: <line>` |
 * | E507   | error    | call             | `External process returned empty result` |
 * | E508   | error    | call             | `Cannot convert JSON to Value: <json>` |
 * | E509   | error    | check            | `Cannot convert JSON to CheckResult: <json>` |
 * | E<n>   | error    | call/check       | the plugin's JSON-RPC error `{code: n, message}` |
 * | E510   | error    | hielements.toml  | `Failed to read config file: …` |
 * | E511   | error    | hielements.toml  | `Failed to parse config file: …` (TOML syntax, at its position) |
 * | E512   | error    | entry name       | `Cannot infer library type: …` |
 * | E513   | error    | entry name       | `No executable or path specified` (type = "external") |
 * | E514   | error    | entry name       | `No path specified for WASM library` |
 * | E520   | error    | `type` value     | unknown library type |
 * | E521   | error    | key/value        | wrong TOML type or empty value (entry not a table, `args` not strings, …) |
 * | E522   | error    | capability value | invalid capability value (`fs = "rw"`, env name with `=`, …) |
 * | E523   | error    | `network`        | network access requested: never granted |
 * | E524   | error    | `workspace_only` | `workspace_only = false`: nothing outside the workspace is mapped |
 * | E525   | error    | limit value      | limit not an integer in range |
 * | E526   | error    | `path` value     | WASM file missing (or not a file) |
 * | E527   | error    | `path` value     | not a WebAssembly file (no `\0asm` header) |
 * | E528   | error    | entry name       | the WASM loader refused the module (its message) |
 * | E529   | error    | entry name       | WASM plugins are not available in this build (no loader) |
 * | E530   | error    | call/check       | an external plugin did not answer within its timeout (process killed) |
 * | E531   | error    | call/check       | the call was cancelled (CallContext.signal; process killed) |
 * | E540   | error    | `baseline` value | not a relative path inside the folder of hielements.toml |
 * | W541   | warning  | `baseline` value | the baseline file is missing or not a baseline (ignored) |
 * | E532   | error    | entry name       | an entry named like a built-in library in an untrusted workspace: not loaded (trust.md §1) |
 * | E533   | error    | call/check       | an external plugin that was not started because the workspace is not trusted |
 * | W520   | warning  | key              | unknown key (ignored) |
 * | W521   | hint     | `permissions`    | upstream alias `permissions` (accepted); quick-fix rewrites it to `capabilities` |
 * | W522   | warning  | key              | key has no effect for this library type (e.g. `capabilities` on an external plugin) |
 * | W523   | warning  | `permissions`    | `permissions` ignored because `capabilities` is also given |
 * | W524   | warning  | entry name       | library name is not an identifier, `.hie` files cannot import it |
 * | W525   | warning  | entry name       | the entry replaces the built-in library of the same name; quick-fix renames the entry |
 * | W526   | warning  | entry name       | external plugin not started: the workspace is not trusted (code action: ask again) |
 * | W527   | hint     | entry name       | WASM grants withheld (`fs = "write"` served as `read`, no `env`): the workspace is not trusted |
 * | W528   | warning  | `specs`/`exclude` pattern | the pattern can match nothing (absolute, or above the folder of hielements.toml) |
 *
 * An entry with any error-severity diagnostic is disabled (not registered); warnings and
 * hints keep it. Invalid TOML disables all entries.
 */
export const CODES = {
  spawnFailed: 'E500',
  readConfig: 'E510',
  parseConfig: 'E511',
  cannotInferType: 'E512',
  noExecutable: 'E513',
  noWasmPath: 'E514',
  unknownType: 'E520',
  wrongType: 'E521',
  badCapability: 'E522',
  networkRequested: 'E523',
  workspaceOnlyFalse: 'E524',
  limitOutOfRange: 'E525',
  wasmFileMissing: 'E526',
  notWasmFile: 'E527',
  wasmLoadFailed: 'E528',
  wasmUnavailable: 'E529',
  timeout: 'E530',
  cancelled: 'E531',
  baselinePath: 'E540',
  baselineUnreadable: 'W541',
  shadowsBuiltinUntrusted: 'E532',
  notTrusted: 'E533',
  unknownKey: 'W520',
  permissionsAlias: 'W521',
  noEffect: 'W522',
  permissionsIgnored: 'W523',
  nameNotIdentifier: 'W524',
  shadowsBuiltin: 'W525',
  externalNotStarted: 'W526',
  grantsWithheld: 'W527',
  patternOutside: 'W528',
} as const;
