import * as path from 'node:path';
import { mergeDiagnostics } from '../../model/analyze';
import { librariesWithoutPlugins } from '../../staticCheck/catalogues';
import { staticCheck } from '../../staticCheck/checker';
import { toDiagnostic } from '../../staticCheck/findings';
import { reportable } from '../../staticCheck/reportable';
import { checkReportJson, location, plural } from '../diagnosticsOutput';
import { isMachineFormat, type ReportFormat } from '../formats/names';
import type { CliIO } from '../io';
import { PLAIN } from '../style';
import { loadSpec } from '../readSpec';
import { TOOL } from '../version';
import { configuredLibraries, defaultWorkspace, knownLibraries } from './knownLibraries';

export interface CheckOptions {
  file: string;
  format: ReportFormat;
  /** Where hielements.toml names the plugin libraries (`-w`; default: the current directory). */
  workspaceDir: string;
}

/**
 * `hielements check <FILE> [-w DIR] [--format …]` (cli.md §2): parse, validate, and check
 * statically what `run` would reject (staticCheck/), without running anything.
 */
export async function checkCommand(io: CliIO, { file, format, workspaceDir }: CheckOptions): Promise<number> {
  const spec = await loadSpec(io, file, await knownLibraries(workspaceDir));
  // no plugin is started: a library configured where `check` looks (-w, else the current
  // directory, as the reference) or where `run` will look by default (the file's directory) is opaque
  const runDir = path.resolve(io.cwd, defaultWorkspace(file));
  const configured = new Set([...(await configuredLibraries(workspaceDir)), ...(await configuredLibraries(runDir))]);
  const found = staticCheck(spec.program, librariesWithoutPlugins(configured));
  const diagnostics = mergeDiagnostics([...spec.diagnostics, ...reportable(found.findings, spec.program, spec.diagnostics).map(toDiagnostic)]);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (isMachineFormat(format)) {
    const { machineReport } = await import('../formats/index.js');
    io.out(machineReport(format, { file, cwd: io.cwd, lines: spec.lines, diagnostics }, TOOL));
    return errors > 0 ? 1 : 0;
  }
  if (format === 'json') {
    io.out(checkReportJson(diagnostics, file, spec.lines) + '\n');
    return errors > 0 ? 1 : 0;
  }
  const style = io.style ?? PLAIN;
  for (const d of diagnostics) {
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
