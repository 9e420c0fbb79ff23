import { checkReportJson, location, plural } from '../diagnosticsOutput';
import type { CliIO } from '../io';
import { PLAIN } from '../style';
import { loadSpec } from '../readSpec';

/** `hielements check <FILE> [--format human|json]`: parse and validate only (cli.md §2). */
export async function checkCommand(io: CliIO, file: string, format: string, knownLibraries: ReadonlySet<string>): Promise<number> {
  const spec = await loadSpec(io, file, knownLibraries);
  const errors = spec.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = spec.diagnostics.length - errors;
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
