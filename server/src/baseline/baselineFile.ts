import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * A baseline: the failures a team has accepted for now (ArchUnit's frozen rules,
 * ESLint's suppressions). Keys are stable across edits that move lines: the `.hie` file
 * (relative to the baseline's folder, `/`-separated), the element path and the canonical
 * check text. The same key may appear more than once (a check repeated in one element).
 */
export interface BaselineEntry {
  file: string;
  element: string;
  check: string;
}

export interface Baseline {
  entries: BaselineEntry[];
}

export const BASELINE_VERSION = 1;

/** A baseline file that cannot be used; the message names the file and the reason. */
export class BaselineError extends Error {
  constructor(message: string, readonly reason: 'missing' | 'unreadable' | 'invalid' = 'invalid') {
    super(message);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads and validates a baseline JSON text (`where` names it in messages). */
export function parseBaseline(text: string, where: string): Baseline {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`baseline '${where}' is not valid JSON: ${(e as Error).message}`);
  }
  if (!isRecord(json) || json.version !== BASELINE_VERSION || !Array.isArray(json.failures)) {
    throw new BaselineError(`baseline '${where}' is not a hielements baseline: expected {"version": ${BASELINE_VERSION}, "failures": [...]}`);
  }
  const entries = json.failures.map((f, i): BaselineEntry => {
    if (!isRecord(f) || typeof f.file !== 'string' || typeof f.element !== 'string' || typeof f.check !== 'string') {
      throw new BaselineError(`baseline '${where}': failures[${i}] must have string fields "file", "element" and "check"`);
    }
    return { file: f.file, element: f.element, check: f.check };
  });
  return { entries };
}

export async function readBaseline(file: string, shown = file): Promise<Baseline> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new BaselineError(`baseline '${shown}' does not exist`, 'missing');
    throw new BaselineError(`cannot read baseline '${shown}': ${err.message}`, 'unreadable');
  }
  return parseBaseline(text, shown);
}

const compareEntries = (a: BaselineEntry, b: BaselineEntry): number =>
  a.file.localeCompare(b.file, 'en') || a.element.localeCompare(b.element, 'en') || a.check.localeCompare(b.check, 'en');

/** The file's text: sorted entries, one per line, so that diffs stay readable in review. */
export function serializeBaseline(baseline: Baseline): string {
  const lines = [...baseline.entries].sort(compareEntries).map((e) => `    ${JSON.stringify({ file: e.file, element: e.element, check: e.check })}`);
  const failures = lines.length === 0 ? '[]' : `[\n${lines.join(',\n')}\n  ]`;
  return `{\n  "version": ${BASELINE_VERSION},\n  "failures": ${failures}\n}\n`;
}

export async function writeBaseline(file: string, baseline: Baseline): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, serializeBaseline(baseline));
}

/** How a `.hie` file is named in a baseline stored at `baselineFile`. */
export function baselineFileKey(specFile: string, baselineFile: string): string {
  return path.relative(path.dirname(path.resolve(baselineFile)), path.resolve(specFile)).split(path.sep).join('/');
}
