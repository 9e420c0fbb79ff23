import { baselineFileKey } from '../baseline/baselineFile';
import { compareWithBaseline } from '../baseline/compare';
import type { CheckResult } from '../eval/types';
import type { Project } from './project';

export interface KnownFailures {
  results: ReadonlySet<CheckResult>;
  /** The baseline as written in hielements.toml (named in the diagnostics). */
  baseline: string;
}

/**
 * The failures of a `.hie` file that the baseline named in its project's hielements.toml
 * lists: the editor shows them as information, not errors (as `run` does not fail on them).
 */
export function knownFailures(project: Project, file: string, results: readonly CheckResult[]): KnownFailures | undefined {
  const state = project.state;
  const setting = state?.config.baseline;
  if (!state?.baseline || !setting) return undefined;
  return { results: compareWithBaseline(state.baseline, baselineFileKey(file, setting.path), results, true).known, baseline: setting.written };
}
