import { DEFAULT_EXTERNAL_TIMEOUT_MS, DEFAULT_WASM_MEMORY_MB, DEFAULT_WASM_TIMEOUT_MS } from '../../../plugins/config';

/**
 * What hielements.toml may say (plugins.md §2, wasm-plugins.md §1), for completion and hover.
 * The validators in plugins/config/ stay the authority on what is accepted; this table only
 * documents it.
 */
export interface SchemaValue {
  /** As written in TOML: `"read"`, `true`. */
  label: string;
  doc: string;
}

export interface SchemaNode {
  doc: string;
  /** How a value is written when the key is completed (snippet syntax). */
  insert?: string;
  values?: SchemaValue[];
  /** Values are arrays of these. */
  arrayOf?: SchemaValue[];
  children?: Record<string, SchemaNode>;
  /** Any key (a library name). */
  anyKey?: SchemaNode;
}

const str = (label: string, doc: string): SchemaValue => ({ label: `"${label}"`, doc });
const choice = (values: SchemaValue[]): string => `\${1|${values.map((v) => v.label.replace(/,/g, '\\,')).join(',')}|}`;

const FS_VALUES = [
  str('none', 'No file access (default): every path open fails.'),
  str('read', 'Workspace files are visible read-only at `/workspace`.'),
  str('write', 'Workspace files are readable and writable at `/workspace` — still only inside the workspace.'),
];
const TYPE_VALUES = [str('external', 'A program spoken to with JSON-RPC over stdio (plugins.md §3).'), str('wasm', 'A WebAssembly module or component run in the sandbox (wasm-plugins.md).')];

const CAPABILITIES: SchemaNode = {
  doc: 'What a WebAssembly plugin may do (deny by default). Example: `capabilities = { fs = "read", env = ["CI"] }`.',
  insert: '{ fs = ${1|"none","read","write"|} }',
  children: {
    fs: { doc: 'File access to the workspace, mounted at `/workspace`. Default `"none"`.', values: FS_VALUES, insert: choice(FS_VALUES) },
    env: { doc: 'Host environment variables the plugin may see, by name. Default `[]`.', insert: '["${1:NAME}"]' },
    network: { doc: 'Network access is never granted: only `"none"` is accepted.', values: [str('none', 'No network (the only value).')], insert: '"none"' },
    workspace_only: { doc: 'Nothing outside the workspace is ever mapped: only `true` is accepted.', values: [{ label: 'true', doc: 'The only value.' }], insert: 'true' },
  },
};

const PERMISSION_FS = [str('read', 'Read access (same as `capabilities.fs = "read"`).'), str('write', 'Write access (same as `capabilities.fs = "write"`).'), str('workspace-only', 'Inside the workspace only (always the case).')];

const ENTRY: SchemaNode = {
  doc: 'A library usable in .hie files under this name: an external program or a WebAssembly plugin.',
  insert: '{ path = "${1:plugins/name.wasm}", capabilities = { fs = ${2|"none","read","write"|} } }',
  children: {
    type: { doc: 'The kind of library; inferred when absent (a `path` ending in `.wasm` means `"wasm"`, an `executable` means `"external"`).', values: TYPE_VALUES, insert: choice(TYPE_VALUES) },
    executable: { doc: 'The program to start (external libraries); run without a shell, in the folder of hielements.toml.', insert: '"${1:program}"' },
    path: { doc: 'The `.wasm` file (relative to the folder of hielements.toml); for an external library, the program when `executable` is absent.', insert: '"${1:plugins/name.wasm}"' },
    args: { doc: 'Arguments passed to the external program, verbatim. Default `[]`.', insert: '["${1}"]' },
    capabilities: CAPABILITIES,
    permissions: {
      doc: 'The upstream spelling of `capabilities` (accepted; a quick-fix rewrites it).',
      insert: '{ filesystem = ["${1:read}"] }',
      children: {
        filesystem: { doc: 'Array of `"read"`, `"write"`, `"workspace-only"`.', arrayOf: PERMISSION_FS, insert: '["${1:read}"]' },
        environment: { doc: 'Environment variable names the plugin may see.', insert: '["${1:NAME}"]' },
        network: { doc: 'Never granted: absent, `"none"` or `[]`.', values: [str('none', 'No network.')], insert: '"none"' },
      },
    },
    limits: {
      doc: 'Resource limits of one call.',
      insert: '{ timeout_ms = ${1:2000} }',
      children: {
        timeout_ms: {
          doc: `Wall-clock budget of one call in milliseconds (1–600000); past it the call is an error. Default ${DEFAULT_WASM_TIMEOUT_MS} for WebAssembly, ${DEFAULT_EXTERNAL_TIMEOUT_MS} for external libraries.`,
          insert: '${1:2000}',
        },
        memory_mb: { doc: `Cap on a WebAssembly plugin's linear memory in MiB (1–4096). Default ${DEFAULT_WASM_MEMORY_MB}. Not enforced for external libraries.`, insert: '${1:128}' },
      },
    },
  },
};

export const CONFIG_SCHEMA: SchemaNode = {
  doc: 'hielements.toml',
  children: {
    baseline: {
      doc: 'A baseline of known failures (written by `hielements run --write-baseline FILE`), relative to this folder: `run` uses it without `--baseline`, and the editor shows the failures it lists as information. A top-level key: before `[libraries]`.',
      insert: '"${1:hielements-baseline.json}"',
    },
    specs: {
      doc: 'Globs (relative to this folder) of the `.hie` files that are this project\'s specs: only they are checked, counted and listed in the Test Explorer. Default: every `.hie` file git does not ignore. A top-level key: before `[libraries]`.',
      insert: '["${1:**/*.hie}"]',
    },
    exclude: {
      doc: 'Globs (relative to this folder) of `.hie` files that are never specs (a folder name covers its content). A top-level key: before `[libraries]`.',
      insert: '["${1:examples}"]',
    },
    libraries: { doc: 'The plugins of this workspace: one entry per library, keyed by the name .hie files call it by (`deps.check_x(...)`).', anyKey: ENTRY },
  },
};

/** The node a key path names (library names match `anyKey`). */
export function schemaAt(path: readonly string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = CONFIG_SCHEMA;
  for (const segment of path) node = node?.children?.[segment] ?? node?.anyKey;
  return node;
}
