import type { CallContext } from '../../libraries/library';
import type { CapabilityFinding } from '../types';
import { boundedText } from '../../diagnostics/boundedText';
import type { Denial } from './sandbox';

/** Why an access was refused, when no grant would allow it (so no grant is suggested). */
const FINAL_REASONS: Record<Exclude<Denial['why'], 'capability'>, string> = {
  outside: 'it is outside the workspace',
  protected: 'no plugin may write hielements.toml, .hie files, .git/ or the files hielements.toml names',
  linked: 'the file has another hard link, which may lead outside the workspace',
  untrusted: 'the workspace is not trusted, so `fs = "write"` is served as read-only',
};

/** A run-time denial → the `denied` finding reported on the check that caused it (wasm-plugins.md §4). */
export function denialFinding(library: string, d: Denial, origin: CallContext['origin']): CapabilityFinding {
  const base = `library \`${library}\` was denied ${d.access} access to \`${boundedText(d.path, 300)}\``;
  const finding: CapabilityFinding =
    d.why === 'capability'
      ? { library, kind: 'denied', capability: 'fs', needed: d.access, message: `${base}: grant \`capabilities.fs = "${d.access}"\`` }
      : { library, kind: 'denied', capability: 'fs', message: `${base}: ${FINAL_REASONS[d.why]}` };
  // no grant allows it unless the capability was the reason: then the diagnostic offers none
  finding.access = { target: d.path, outside: d.why === 'outside', ...(d.why === 'capability' ? {} : { final: FINAL_REASONS[d.why] }) };
  if (origin) finding.origin = origin;
  return finding;
}
