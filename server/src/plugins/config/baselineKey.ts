import * as path from 'node:path';
import { CODES } from '../host/codes';
import type { BaselineSetting } from '../types';
import type { ConfigReporter } from './reporter';
import { has, type TomlTableValue } from './tomlValues';

/**
 * `baseline = "hielements-baseline.json"` (top level): the file of known failures. It must be
 * a relative path that stays inside the folder of hielements.toml — a workspace names its
 * own files, nothing else.
 */
export function validateBaselineKey(r: ConfigReporter, parsed: TomlTableValue, configDir: string): BaselineSetting | undefined {
  if (!has(parsed, 'baseline')) return undefined;
  const v = parsed.baseline;
  const span = r.valueSpan(['baseline']);
  if (typeof v !== 'string' || v.trim() === '') {
    r.report('error', CODES.wrongType, "'baseline' must be a non-empty string: the path of the baseline file, e.g. \"hielements-baseline.json\"", span);
    return undefined;
  }
  const resolved = path.resolve(configDir, v);
  const rel = path.relative(configDir, resolved);
  if (path.isAbsolute(v) || rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
    r.report('error', CODES.baselinePath, `'baseline' must be a relative path inside this folder (got '${v}')`, span);
    return undefined;
  }
  return { path: resolved, written: v, span };
}
