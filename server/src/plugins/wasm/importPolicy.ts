import type { Capabilities, CapabilityFinding } from '../types';

/**
 * What a plugin may import, checked before anything is instantiated, and which
 * capabilities its imports can use (for the static `missing`/`unused` findings).
 */

/** The WIT package a component plugin implements (its `library` interface is the one export the host needs). */
export const WIT_PACKAGE = 'hielements:plugin@0.1.0';
/** Exports accepted as that interface: any 0.1.x of the package. */
export const LIBRARY_EXPORT = /^hielements:plugin\/library@0\.1\.\d+$/;
/** Exports a core module must have (ABI v1). */
export const CORE_ABI_EXPORTS: readonly string[] = ['memory', 'alloc', 'library_call', 'library_check'];

/** Every function of `wasi_snapshot_preview1`; each one is served by our own implementation. */
export const PREVIEW1_FUNCTIONS: readonly string[] = [
  'args_get', 'args_sizes_get', 'environ_get', 'environ_sizes_get', 'clock_res_get', 'clock_time_get',
  'fd_advise', 'fd_allocate', 'fd_close', 'fd_datasync', 'fd_fdstat_get', 'fd_fdstat_set_flags',
  'fd_fdstat_set_rights', 'fd_filestat_get', 'fd_filestat_set_size', 'fd_filestat_set_times', 'fd_pread',
  'fd_prestat_get', 'fd_prestat_dir_name', 'fd_pwrite', 'fd_read', 'fd_readdir', 'fd_renumber', 'fd_seek',
  'fd_sync', 'fd_tell', 'fd_write', 'path_create_directory', 'path_filestat_get', 'path_filestat_set_times',
  'path_link', 'path_open', 'path_readlink', 'path_remove_directory', 'path_rename', 'path_symlink',
  'path_unlink_file', 'poll_oneoff', 'proc_exit', 'proc_raise', 'sched_yield', 'random_get',
  'sock_accept', 'sock_recv', 'sock_send', 'sock_shutdown',
];

/** Host functions from module `env` (AssemblyScript's runtime). */
export const ENV_FUNCTIONS: readonly string[] = ['abort'];

export interface CoreImport {
  module: string;
  name: string;
  kind: string;
}

export const isAllowedCoreImport = (imp: CoreImport): boolean =>
  imp.kind === 'function' &&
  ((imp.module === 'wasi_snapshot_preview1' && PREVIEW1_FUNCTIONS.includes(imp.name)) || (imp.module === 'env' && ENV_FUNCTIONS.includes(imp.name)));

/** Refusal text for the first import outside the allow-list, or undefined when all are allowed. */
export function refuseCoreImports(imports: readonly CoreImport[]): string | undefined {
  for (const imp of imports) {
    if (!isAllowedCoreImport(imp)) return `import \`${imp.module}.${imp.name}\` (${imp.kind}) is not allowed: a core module may import only \`wasi_snapshot_preview1\` functions and \`env.abort\``;
  }
  return undefined;
}

/** WASI 0.2 interfaces a component may import (served by our own implementation); anything else is refused. */
export const COMPONENT_INTERFACES: readonly string[] = [
  'wasi:cli/environment', 'wasi:cli/exit', 'wasi:cli/stdin', 'wasi:cli/stdout', 'wasi:cli/stderr',
  'wasi:cli/terminal-input', 'wasi:cli/terminal-output', 'wasi:cli/terminal-stdin', 'wasi:cli/terminal-stdout',
  'wasi:cli/terminal-stderr', 'wasi:clocks/monotonic-clock', 'wasi:clocks/wall-clock', 'wasi:filesystem/preopens',
  'wasi:filesystem/types', 'wasi:io/error', 'wasi:io/poll', 'wasi:io/streams', 'wasi:random/random',
  'wasi:random/insecure', 'wasi:random/insecure-seed',
];

/** `wasi:io/streams@0.2.3` → `wasi:io/streams`; other specifiers unchanged. */
export function interfaceName(specifier: string): string {
  const at = specifier.indexOf('@');
  return at < 0 ? specifier : specifier.slice(0, at);
}

export const isAllowedComponentImport = (spec: string): boolean => refuseComponentImports([spec]) === undefined;

export function refuseComponentImports(imports: readonly string[]): string | undefined {
  for (const spec of imports) {
    const at = spec.indexOf('@');
    const version = at < 0 ? '' : spec.slice(at + 1);
    if (!COMPONENT_INTERFACES.includes(interfaceName(spec))) {
      return `import \`${spec}\` is not allowed: a component may import only WASI 0.2 cli, clocks, filesystem, io and random interfaces (never sockets or http)`;
    }
    // jco reports imports without their version; a version, when present, must be 0.2.x.
    if (version !== '' && !/^0\.2\.\d+$/.test(version)) return `import \`${spec}\` is not allowed: only WASI 0.2.x versions are supported`;
  }
  return undefined;
}

/** Which capabilities the imports can exercise. */
export interface ImportUse {
  /** An import that opens paths (named in the `missing` message), if any. */
  fsImport?: string;
  /** An import that reads the environment, if any. */
  envImport?: string;
}

export function coreImportUse(imports: readonly CoreImport[]): ImportUse {
  const has = (n: string) => imports.some((i) => i.module === 'wasi_snapshot_preview1' && i.name === n);
  return {
    fsImport: has('path_open') ? 'path_open' : undefined,
    envImport: has('environ_get') ? 'environ_get' : has('environ_sizes_get') ? 'environ_sizes_get' : undefined,
  };
}

export function componentImportUse(imports: readonly string[]): ImportUse {
  const find = (prefix: string) => imports.find((i) => interfaceName(i).startsWith(prefix));
  return { fsImport: find('wasi:filesystem/'), envImport: find('wasi:cli/environment') };
}

/** Static findings (wasm-plugins.md §4): capabilities needed but not granted, or granted but unusable. */
export function staticFindings(library: string, caps: Capabilities, use: ImportUse): CapabilityFinding[] {
  const out: CapabilityFinding[] = [];
  if (use.fsImport && caps.fs === 'none') {
    out.push({
      library,
      kind: 'missing',
      capability: 'fs',
      needed: 'read',
      message: `library \`${library}\` imports \`${use.fsImport}\` but has no file access: grant \`capabilities.fs = "read"\``,
    });
  }
  if (!use.fsImport && caps.fs !== 'none') {
    out.push({
      library,
      kind: 'unused',
      capability: 'fs',
      needed: caps.fs,
      message: `library \`${library}\` cannot open files (it imports no filesystem functions): \`capabilities.fs = "${caps.fs}"\` is unused`,
    });
  }
  if (!use.envImport) {
    for (const name of caps.env) {
      out.push({
        library,
        kind: 'unused',
        capability: 'env',
        needed: name,
        message: `library \`${library}\` cannot read environment variables (it imports no environment functions): \`${name}\` in \`capabilities.env\` is unused`,
      });
    }
  }
  return out;
}
