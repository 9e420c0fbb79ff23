import * as path from 'node:path';
import { evaluate } from '../../eval/engine';
import type { EvalResult } from '../../eval/types';
import { FileIndex } from '../../workspace/fileIndex';
import { checkReportJson, location } from '../diagnosticsOutput';
import type { CliIO } from '../io';
import { loadSpec } from '../readSpec';
import { librariesOfRegistry } from '../../staticCheck/catalogues';
import { staticCheck } from '../../staticCheck/checker';
import { dryRunText } from './dryRun';
import { knownLibraries, openPluginHost, type CliDeps } from './libraryHost';
import { humanReport, jsonReport, verboseResult, verboseScope } from './runReport';
import { inDirectory } from './workingDirectory';

export interface RunOptions {
  file: string;
  /** `-w`; default: the directory part of `file`, `.` when it has none. */
  workspace?: string;
  format: string;
  dryRun: boolean;
  verbose: boolean;
  filter?: string;
  limit?: number;
  /** `--pattern-checks`: also run implemented patterns' checks with bound placeholders (not in the reference). */
  patternChecks?: boolean;
}

/** Rust's `Path::parent` of the spec file, `.` when empty (cli.md §3). */
export function defaultWorkspace(file: string): string {
  const slash = file.lastIndexOf('/');
  if (slash < 0) return '.';
  return slash === 0 ? '/' : file.slice(0, slash);
}

/** `hielements run <FILE>` (cli.md §3): validate, then run every check; exit 0 iff all passed. */
export async function runCommand(io: CliIO, options: RunOptions, deps: CliDeps = {}): Promise<number> {
  const { file, format, verbose } = options;
  const workspace = options.workspace ?? defaultWorkspace(file);
  const workspaceDir = path.resolve(io.cwd, workspace);
  const spec = await loadSpec(io, file, await knownLibraries(workspaceDir));
  if (verbose) {
    io.err(`[verbose] Workspace directory: ${workspace}\n`);
    if (options.filter !== undefined) io.err(`[verbose] Filter: ${options.filter}\n`);
    if (options.limit !== undefined) io.err(`[verbose] Limit: ${options.limit} checks\n`);
  }
  const errors = spec.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    if (format === 'json') io.out(checkReportJson(spec.diagnostics, file, spec.lines) + '\n');
    else for (const d of errors) io.err(`error[${d.code}]: ${d.message}\n  --> ${location(d, file, spec.lines)}\n`);
    return 1;
  }
  if (options.dryRun) {
    io.out(dryRunText(spec.program));
    return 0;
  }
  // plugin stderr and lifecycle notes (the reference lets plugins inherit stderr)
  const log = (message: string) => io.err(`${message}\n`);
  const { host, state } = await openPluginHost(io, workspaceDir, deps, log);
  // what the static checker knows will fail becomes that check's ERROR; the others run
  const libraries = librariesOfRegistry(state.registry, state.config.libraries.map((l) => l.name));
  const knownFailures = staticCheck(spec.program, libraries, { patternChecks: options.patternChecks }).checkErrors;
  let result: EvalResult;
  try {
    result = await inDirectory(io.cwd, () =>
      evaluate(spec.program, {
        workspace,
        index: new FileIndex(workspaceDir),
        registry: state.registry,
        file,
        filter: options.filter,
        limit: options.limit,
        patternChecks: options.patternChecks,
        knownFailures,
        onScope: verbose ? (e) => io.err(verboseScope(e)) : undefined,
        onResult: verbose ? (r) => io.err(verboseResult(r)) : undefined,
      }),
    );
  } catch (e) {
    await host.dispose();
    throw e;
  }
  // Fail closed (trust.md §4): the report and the status come from the results alone, before
  // any plugin is asked to stop — whatever a plugin does from here on cannot change them.
  io.out(format === 'json' ? jsonReport(result.results, result.summary, spec.lines) + '\n' : humanReport(file, result.results, result.summary, spec.lines, io.style));
  const status = result.summary.failed === 0 && result.summary.errors === 0 ? 0 : 1;
  await host.dispose();
  return status;
}
