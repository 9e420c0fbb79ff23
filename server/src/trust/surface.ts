import { createHash } from 'node:crypto';
import type { LoadedConfig } from '../plugins/types';

/**
 * What in a workspace's hielements.toml needs trust (trust.md §1): external plugins (they run
 * programs), entries that replace a built-in library, and WASM grants an untrusted workspace
 * does not get (`fs = "write"`, `env`). The answer to the trust question is remembered for
 * a hash of exactly this, so any change to it asks again.
 */
export interface TrustSurface {
  /** External plugins, with the exact command line each one runs. */
  externals: { name: string; program: string; args: string[] }[];
  /** Entries named like a built-in library. */
  shadowing: string[];
  /** WASM entries with grants an untrusted workspace does not get. */
  elevated: { name: string; write: boolean; env: string[] }[];
}

export function trustSurface(config: LoadedConfig, builtinNames: readonly string[]): TrustSurface {
  const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const entries = [...config.libraries].sort(byName);
  return {
    externals: entries.flatMap((l) => (l.type === 'external' ? [{ name: l.name, program: l.program, args: [...l.args] }] : [])),
    shadowing: entries.filter((l) => builtinNames.includes(l.name)).map((l) => l.name),
    elevated: entries.flatMap((l) =>
      l.type === 'wasm' && (l.capabilities.fs === 'write' || l.capabilities.env.length > 0)
        ? [{ name: l.name, write: l.capabilities.fs === 'write', env: [...l.capabilities.env].sort() }]
        : [],
    ),
  };
}

/** Nothing to decide: the workspace behaves the same trusted or not. */
export function isEmptySurface(s: TrustSurface): boolean {
  return s.externals.length === 0 && s.shadowing.length === 0 && s.elevated.length === 0;
}

/** `sha256:<hex>` of the surface (canonical JSON: entries sorted by name, keys in a fixed order). */
export function surfaceHash(s: TrustSurface): string {
  return `sha256:${createHash('sha256').update(JSON.stringify([s.externals, s.shadowing, s.elevated])).digest('hex')}`;
}

/** A command line as a shell would need it typed (arguments with spaces or quotes are quoted). */
export function commandLine(program: string, args: readonly string[]): string {
  const quote = (a: string): string => (a !== '' && /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return [program, ...args].map(quote).join(' ');
}
