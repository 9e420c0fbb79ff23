/**
 * The top-level keys `specs = ["…"]` and `exclude = ["…"]` of hielements.toml: which .hie
 * files of the project are its specs (globs relative to the file's folder; see specs/specSet.ts).
 * A value of the wrong type is an error and is ignored (the default applies); a pattern that can
 * match nothing here (absolute, `..`) is a warning.
 */
import * as TOML from '@iarna/toml';
import { normalizePattern } from '../../specs/specGlobs';
import { CODES } from '../host/codes';
import { locateToml } from './tomlLocator';
import { ConfigReporter } from './reporter';
import { has, isTable, type TomlTableValue } from './tomlValues';

export const SPEC_KEYS = ['specs', 'exclude'] as const;

export interface SpecPatterns {
  /** `specs`: when given, only matching files are specs. */
  specs?: string[];
  /** `exclude`: never specs. */
  exclude: string[];
}

export function readSpecKeys(r: ConfigReporter, parsed: TomlTableValue): SpecPatterns {
  const out: SpecPatterns = { exclude: [] };
  const specs = patternList(r, parsed, 'specs');
  if (specs) out.specs = specs;
  out.exclude = patternList(r, parsed, 'exclude') ?? [];
  return out;
}

function patternList(r: ConfigReporter, parsed: TomlTableValue, key: (typeof SPEC_KEYS)[number]): string[] | undefined {
  if (!has(parsed, key)) return undefined;
  const value = parsed[key];
  if (!Array.isArray(value)) {
    const example = key === 'specs' ? 'specs = ["architecture/**/*.hie"]' : 'exclude = ["examples"]';
    r.report('error', CODES.wrongType, `'${key}' must be an array of glob patterns, e.g. ${example} (ignored)`, r.valueSpan([key]));
    return undefined;
  }
  const patterns: string[] = [];
  value.forEach((item, i) => {
    const at = r.valueSpan([key, String(i)]);
    if (typeof item !== 'string' || item.trim() === '') {
      r.report('error', CODES.wrongType, `'${key}' patterns must be non-empty strings (this one is ignored)`, at);
    } else if (normalizePattern(item) === undefined) {
      r.report('warning', CODES.patternOutside, `Pattern ${JSON.stringify(item)} matches nothing: patterns are relative to the folder of hielements.toml`, at);
    } else patterns.push(item);
  });
  return patterns;
}

/** The spec keys of a hielements.toml text, leniently (invalid TOML or values: the defaults). */
export function specPatternsOf(text: string): SpecPatterns {
  let parsed: unknown;
  try {
    parsed = TOML.parse(text);
  } catch {
    return { exclude: [] };
  }
  return isTable(parsed) ? readSpecKeys(new ConfigReporter(locateToml(text)), parsed) : { exclude: [] };
}
