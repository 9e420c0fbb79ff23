import * as path from 'node:path';
import { evaluate } from '../../eval/engine';
import type { EvalResult } from '../../eval/types';
import type { FunctionDoc, LibraryRegistry } from '../../libraries/library';
import { FileIndex } from '../../workspace/fileIndex';
import { checkReportJson, location } from '../diagnosticsOutput';
import { isMachineFormat, type ReportFormat } from '../formats/names';
import { checkFunction, type BaselineUse } from '../formats/report';
import type { CliIO } from '../io';
import { loadSpec, type LoadedSpec } from '../readSpec';
import { librariesOfRegistry } from '../../staticCheck/catalogues';
import { staticCheck } from '../../staticCheck/checker';
import { TOOL } from '../version';
import { dryRunText } from './dryRun';
import { defaultWorkspace, knownLibraries } from './knownLibraries';
import { openPluginHost, type CliDeps } from './libraryHost';
import { compare, configBaseline, readBaselineOption, recordBaseline, type LoadedBaseline } from './runBaseline';
import { baselineReport, humanReport, jsonReport, verboseResult, verboseScope } from './runReport';
import { inDirectory } from './workingDirectory';

export interface RunOptions {
  file: string;
  /** `-w`; default: the directory part of `file`, `.` when it has none. */
  workspace?: string;
  format: ReportFormat;
  dryRun: boolean;
  verbose: boolean;
  filter?: string;
  limit?: number;
  /** `--pattern-checks`: also run implemented patterns' checks with bound placeholders (not in the reference). */
  patternChecks?: boolean;
  /** `--baseline FILE`: failures listed there do not fail the run (default: hielements.toml's `baseline`). */
  baseline?: string;
  /** `--write-baseline FILE`: record this run's failures. */
  writeBaseline?: string;
}

/** `hielements run <FILE>` (cli.md §3): validate, then run every check; exit 0 iff nothing (new) failed. */
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
    else if (isMachineFormat(format)) io.out((await import('../formats/index.js')).machineReport(format, { file, cwd: io.cwd, lines: spec.lines, diagnostics: errors }, TOOL));
    else for (const d of errors) io.err(`error[${d.code}]: ${d.message}\n  --> ${location(d, file, spec.lines)}\n`);
    return 1;
  }
  if (options.dryRun) {
    io.out(dryRunText(spec.program));
    return 0;
  }
  const explicitBaseline = options.baseline === undefined ? undefined : await readBaselineOption(io, options.baseline);
  // plugin stderr and lifecycle notes (the reference lets plugins inherit stderr)
  const log = (message: string) => io.err(`${message}\n`);
  const { host, state } = await openPluginHost(io, workspaceDir, deps, log);
  // what the static checker knows will fail becomes that check's ERROR; the others run
  const libraries = librariesOfRegistry(state.registry, state.config.libraries.map((l) => l.name));
  const knownFailures = staticCheck(spec.program, libraries, { patternChecks: options.patternChecks }).checkErrors;
  // Fail closed (trust.md §4): the report and the status come from the results alone, and are
  // written before any plugin is asked to stop — whatever a plugin does then cannot change them.
  try {
    const result = await inDirectory(io.cwd, () =>
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
    const functionDocs = format === 'sarif' ? await usedFunctionDocs(state.registry, result) : undefined;
    return await report(io, options, spec, result, explicitBaseline ?? configBaseline(io, state), functionDocs);
  } finally {
    await host.dispose();
  }
}

/** Prints the run's report in its format (recording a baseline if asked); returns the exit status. */
async function report(
  io: CliIO,
  options: RunOptions,
  spec: LoadedSpec,
  result: EvalResult,
  loaded: LoadedBaseline | undefined,
  functionDocs: Map<string, FunctionDoc> | undefined,
): Promise<number> {
  const { file, format } = options;
  const complete = options.filter === undefined && options.limit === undefined;
  const baseline: BaselineUse | undefined = loaded && compare(io, file, loaded, result.results, complete);
  if (options.writeBaseline !== undefined) {
    const recorded = await recordBaseline(io, options.writeBaseline, file, result.results, complete);
    io.err(`Baseline written to '${options.writeBaseline}': ${recorded} failure${recorded === 1 ? '' : 's'} of \`${file}\` recorded\n`);
  }
  const { results, summary } = result;
  if (isMachineFormat(format)) {
    const { machineReport } = await import('../formats/index.js');
    io.out(machineReport(format, { file, cwd: io.cwd, lines: spec.lines, diagnostics: [], run: { results, summary, baseline, functionDocs } }, TOOL));
  } else if (format === 'json') {
    io.out(jsonReport(results, summary, spec.lines, baseline) + '\n');
  } else {
    io.out(humanReport(file, results, summary, spec.lines, io.style, baseline?.comparison.known));
    if (baseline) io.out(baselineReport(baseline, io.style));
  }
  const failed = baseline ? baseline.comparison.fresh.length : summary.failed;
  // with --write-baseline the failures just recorded are known ones
  const blocking = options.writeBaseline !== undefined ? 0 : failed;
  return blocking === 0 && summary.errors === 0 ? 0 : 1;
}

/** Documentation of the library functions the checks called (SARIF rule descriptions); a library that cannot document itself is skipped. */
async function usedFunctionDocs(registry: LibraryRegistry, result: EvalResult): Promise<Map<string, FunctionDoc>> {
  const used = new Set(result.results.map(checkFunction).filter((f): f is string => f !== undefined));
  const docs = new Map<string, FunctionDoc>();
  for (const lib of new Set([...used].map((f) => f.split('.')[0]))) {
    const doc = await registry.get(lib)?.doc().catch(() => undefined);
    for (const fn of [...(doc?.functions ?? []), ...(doc?.checks ?? [])]) if (used.has(`${lib}.${fn.name}`)) docs.set(`${lib}.${fn.name}`, fn);
  }
  return docs;
}
