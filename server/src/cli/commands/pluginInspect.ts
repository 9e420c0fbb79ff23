import type { FunctionDoc } from '../../libraries/library';
import type { InspectReport } from '../../plugins/wasm/inspect';
import { CliError, type CliIO } from '../io';
import { osErrorText } from '../readSpec';

/** `hielements plugin inspect FILE.wasm [--format json]`; exit 0 when the host would load the plugin. */
export async function pluginInspectCommand(io: CliIO, file: string, format: 'human' | 'json'): Promise<number> {
  // the sandbox is loaded only for this command, as for `run`
  const { inspectWasm } = await import('../../plugins/wasm/inspect.js');
  const path = await import('node:path');
  let report: InspectReport;
  try {
    report = await inspectWasm(path.resolve(io.cwd, file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`cannot inspect '${file}': ${code ? osErrorText(e) : (e as Error).message}`);
  }
  report.file = file;
  io.out(format === 'json' ? JSON.stringify(report, null, 2) + '\n' : humanReport(report));
  return report.loadable ? 0 : 1;
}

const list = (items: string[]): string => (items.length === 0 ? 'none' : items.join(', '));

function signature(lib: string, f: FunctionDoc, check: boolean): string {
  const params = f.parameters.map((p) => `${p.name}: ${p.param_type}`).join(', ');
  return `${check ? 'check ' : ''}${lib}.${f.name}(${params})${!check && f.return_type ? ` -> ${f.return_type}` : ''}`;
}

function humanReport(r: InspectReport): string {
  const grant = r.capabilities.fs ? `capabilities = { fs = "${r.capabilities.fs}" }` : 'none needed';
  const env = r.capabilities.env ? ' (it may read environment variables: only the names listed in capabilities.env exist for it)' : '';
  const lines = [
    `${r.file}: WebAssembly ${r.format === 'core' ? 'core module (ABI v1)' : 'component'}`,
    `exports:       ${list(r.exports)}`,
    `imports:       ${list(r.imports)}`,
    `capabilities:  ${grant}${env}`,
    `refused:       ${r.refused.length === 0 ? 'none' : `${list(r.refused)} (the host does not load a plugin with these imports)`}`,
  ];
  if (r.missing.length > 0) lines.push(`missing:       ${list(r.missing)} (required exports)`);
  if (r.error) lines.push(`error:         ${r.error}`);
  if (r.library) {
    const lib = r.library;
    lines.push(`library:       ${lib.name}${lib.version ? ` ${lib.version}` : ''}${lib.description ? ` — ${lib.description}` : ''}`);
    for (const [fns, check] of [[lib.functions, false], [lib.checks, true]] as const) {
      for (const f of fns) {
        lines.push(`  ${signature(lib.name, f, check)}${f.description ? `\n      ${f.description}` : ''}${f.example ? `\n      e.g. ${f.example}` : ''}`);
      }
    }
  }
  lines.push(r.loadable ? 'verdict:       loads' : 'verdict:       refused');
  return lines.join('\n') + '\n';
}
