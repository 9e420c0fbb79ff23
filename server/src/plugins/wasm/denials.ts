import type { CallContext } from '../../libraries/library';
import type { CapabilityFinding } from '../types';
import type { Denial } from './sandbox';

/** A run-time denial → the `denied` finding reported on the check that caused it (wasm-plugins.md §4). */
export function denialFinding(library: string, d: Denial, origin: CallContext['origin']): CapabilityFinding {
  const base = `library \`${library}\` was denied ${d.access} access to \`${d.path}\``;
  const finding: CapabilityFinding =
    d.why === 'capability'
      ? { library, kind: 'denied', capability: 'fs', needed: d.access, message: `${base}: grant \`capabilities.fs = "${d.access}"\`` }
      : { library, kind: 'denied', capability: 'fs', message: `${base}: it is outside the workspace` };
  finding.access = { target: d.path, outside: d.why === 'outside' };
  if (origin) finding.origin = origin;
  return finding;
}
