import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { HieParser } from '../syntax/hieParser';
import { LineIndex } from '../syntax/lineIndex';
import { analyze, type Analysis } from '../model/analyze';
import { CliError, type CliIO } from './io';

export interface LoadedSpec extends Analysis {
  /** The path exactly as given on the command line (used in messages). */
  file: string;
  text: string;
  lines: LineIndex;
}

/** Read, parse and validate a `.hie` file given on the command line. */
export async function loadSpec(io: CliIO, file: string, knownLibraries: ReadonlySet<string>): Promise<LoadedSpec> {
  let text: string;
  try {
    text = readFileSync(path.resolve(io.cwd, file), 'utf8');
  } catch (e) {
    throw new CliError(`Failed to read file '${file}': ${osErrorText(e)}`);
  }
  const parser = await HieParser.create();
  const tree = parser.parse(text);
  try {
    return { file, text, lines: new LineIndex(text), ...analyze(tree, text, { knownLibraries }) };
  } finally {
    tree.delete();
  }
}

/** OS error text in the reference's style: "No such file or directory (os error 2)". */
export function osErrorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const texts: Record<string, [string, number]> = {
    ENOENT: ['No such file or directory', 2],
    EACCES: ['Permission denied', 13],
    EISDIR: ['Is a directory', 21],
    ENOTDIR: ['Not a directory', 20],
  };
  const known = err?.code ? texts[err.code] : undefined;
  return known ? `${known[0]} (os error ${known[1]})` : String(err?.message ?? e);
}
