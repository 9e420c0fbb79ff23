import { checkReportJson, location, plural } from '../diagnosticsOutput';
import { isMachineFormat, type ReportFormat } from '../formats/names';
import type { CliIO } from '../io';
import { PLAIN } from '../style';
import { loadSpec } from '../readSpec';
import { TOOL } from '../version';
import { knownLibraries } from './knownLibraries';

export interface CheckOptions {
  file: string;
  format: ReportFormat;
  /** Where hielements.toml names the plugin libraries (`-w`; default: the current directory). */
  workspaceDir: string;
}

/** `hielements check <FILE> [-w DIR] [--format …]`: parse and validate only (cli.md §2). */
export async function checkCommand(io: CliIO, { file, format, workspaceDir }: CheckOptions): Promise<number> {
  const spec = await loadSpec(io, file, await knownLibraries(workspaceDir));
  const errors = spec.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = spec.diagnostics.length - errors;
  if (isMachineFormat(format)) {
    const { machineReport } = await import('../formats/index.js');
    io.out(machineReport(format, { file, cwd: io.cwd, lines: spec.lines, diagnostics: spec.diagnostics }, TOOL));
    return errors > 0 ? 1 : 0;
  }
  if (format === 'json') {
    io.out(checkReportJson(spec.diagnostics, file, spec.lines) + '\n');
    return errors > 0 ? 1 : 0;
  }
  const style = io.style ?? PLAIN;
  for (const d of spec.diagnostics) {
    const severity = d.severity === 'error' ? style.bad(d.severity) : style.warn(d.severity);
    io.out(`${severity}[${style.dim(d.code)}] : ${d.message}\n  ${style.dim('-->')} ${style.dim(location(d, file, spec.lines))}\n\n`);
  }
  if (errors > 0) {
    const suffix = warnings > 0 ? `; ${plural(warnings, 'warning')} emitted` : '';
    io.err(`error: could not validate \`${file}\` due to ${errors} previous error${errors === 1 ? '' : 's'}${suffix}\n`);
    return 1;
  }
  const finished = style.ok('Finished');
  io.out(warnings > 0 ? `${finished} \`${file}\` validated with ${plural(warnings, 'warning')}\n` : `${finished} \`${file}\` validated successfully\n`);
  return 0;
}
