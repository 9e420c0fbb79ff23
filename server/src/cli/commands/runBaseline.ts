import * as path from 'node:path';
import { BaselineError, baselineFileKey, readBaseline, writeBaseline, type Baseline } from '../../baseline/baselineFile';
import { compareWithBaseline, recordFailures } from '../../baseline/compare';
import type { CheckResult } from '../../eval/types';
import type { PluginHostState } from '../../plugins/host';
import type { BaselineUse } from '../formats/report';
import { CliError, type CliIO } from '../io';

/** A baseline to compare with: from `--baseline FILE`, or the one hielements.toml names. */
export interface LoadedBaseline {
  /** As shown in messages. */
  shown: string;
  abs: string;
  baseline: Baseline;
}

/** `--baseline FILE`: a file that cannot be used stops the run before any check (exit 2). */
export async function readBaselineOption(io: CliIO, file: string): Promise<LoadedBaseline> {
  const abs = path.resolve(io.cwd, file);
  try {
    return { shown: file, abs, baseline: await readBaseline(abs, file) };
  } catch (e) {
    if (e instanceof BaselineError) throw new CliError(e.message);
    throw e;
  }
}

/** The baseline hielements.toml names (its problems were already reported as config warnings). */
export function configBaseline(io: CliIO, state: PluginHostState): LoadedBaseline | undefined {
  const setting = state.config.baseline;
  if (!setting || !state.baseline) return undefined;
  return { shown: path.relative(io.cwd, setting.path) || setting.written, abs: setting.path, baseline: state.baseline };
}

export function compare(io: CliIO, specFile: string, loaded: LoadedBaseline, results: readonly CheckResult[], complete: boolean): BaselineUse {
  const key = baselineFileKey(path.resolve(io.cwd, specFile), loaded.abs);
  return { file: loaded.shown, comparison: compareWithBaseline(loaded.baseline, key, results, complete) };
}

/**
 * `--write-baseline FILE`: this run's failures replace the entries of this `.hie` file;
 * entries of other files (and of checks --filter/--limit left out) are kept.
 */
export async function recordBaseline(io: CliIO, file: string, specFile: string, results: readonly CheckResult[], complete: boolean): Promise<number> {
  const abs = path.resolve(io.cwd, file);
  let previous: Baseline = { entries: [] };
  try {
    previous = await readBaseline(abs, file);
  } catch (e) {
    // a missing file is the usual first run; anything else must not be overwritten silently
    if (!(e instanceof BaselineError)) throw e;
    if (e.reason !== 'missing') throw new CliError(`${e.message}; not overwritten`);
  }
  const next = recordFailures(previous, baselineFileKey(path.resolve(io.cwd, specFile), abs), results, complete);
  try {
    await writeBaseline(abs, next);
  } catch (e) {
    throw new CliError(`Failed to write baseline '${file}': ${(e as Error).message}`);
  }
  return results.filter((r) => r.outcome.status === 'fail').length;
}
