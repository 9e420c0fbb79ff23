import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatHie } from '../../format';
import { analyze } from '../../model/analyze';
import { BUILTIN_LIBRARY_NAMES } from '../../libraries/builtinNames';
import { HieParser } from '../../syntax/hieParser';
import { LineIndex } from '../../syntax/lineIndex';
import type { CliIO } from '../io';
import { osErrorText } from '../readSpec';

/** Folders never searched for .hie files when a folder is given. */
const SKIPPED = new Set(['.git', 'node_modules', 'target']);

/**
 * `hielements fmt [--check] FILES…`: formats .hie files in place (folders: every .hie below).
 * With --check nothing is written and each file that would change is listed. Exit status as
 * prettier's: 0 all formatted, 1 (--check) some file would change, 2 a file could not be read
 * or formatted (it has errors) or a usage error.
 */
export async function fmtCommand(io: CliIO, paths: string[], check: boolean): Promise<number> {
  const parser = await HieParser.create();
  const known = { knownLibraries: new Set(BUILTIN_LIBRARY_NAMES) };
  let failures = 0;
  let changed = 0;
  let unchanged = 0;
  for (const item of expand(io, paths)) {
    if ('error' in item) {
      io.err(item.error);
      failures++;
      continue;
    }
    const file = item.file;
    let text: string;
    try {
      text = fs.readFileSync(path.resolve(io.cwd, file), 'utf8');
    } catch (e) {
      io.err(`error: cannot read ${file}: ${osErrorText(e)}\n`);
      failures++;
      continue;
    }
    const tree = parser.parse(text);
    let outcome: ReturnType<typeof formatHie>;
    try {
      outcome = formatHie({ text, tree, diagnostics: analyze(tree, text, known).diagnostics });
    } finally {
      tree.delete();
    }
    if (!outcome.ok) {
      const at = new LineIndex(text).bytePosition(outcome.at);
      io.err(`error: cannot format ${file}:${at.line}:${at.column}: ${outcome.message}\n`);
      failures++;
      continue;
    }
    if (!outcome.changed) {
      unchanged++;
      continue;
    }
    changed++;
    if (check) {
      io.out(`would reformat ${file}\n`);
      continue;
    }
    try {
      fs.writeFileSync(path.resolve(io.cwd, file), outcome.text);
      io.out(`reformatted ${file}\n`);
    } catch (e) {
      io.err(`error: cannot write ${file}: ${osErrorText(e)}\n`);
      failures++;
    }
  }
  const files = (n: number): string => `${n} file${n === 1 ? '' : 's'}`;
  const summary = check ? `${files(changed)} would be reformatted, ${files(unchanged)} already formatted` : `${files(changed)} reformatted, ${files(unchanged)} left unchanged`;
  io.out(`${summary}${failures > 0 ? `, ${files(failures)} failed` : ''}\n`);
  if (failures > 0) return 2;
  return check && changed > 0 ? 1 : 0;
}

/** The files to format in argument order: files as given, folders searched for .hie files (sorted). */
function expand(io: CliIO, paths: string[]): ({ file: string } | { error: string })[] {
  const out: ({ file: string } | { error: string })[] = [];
  const seen = new Set<string>();
  const add = (file: string): void => {
    if (!seen.has(file)) out.push({ file });
    seen.add(file);
  };
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(path.resolve(io.cwd, p));
    } catch (e) {
      out.push({ error: `error: cannot read ${p}: ${osErrorText(e)}\n` });
      continue;
    }
    if (!stat.isDirectory()) add(p);
    else hieFilesBelow(io.cwd, p).forEach(add);
  }
  return out;
}

function hieFilesBelow(cwd: string, dir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.resolve(cwd, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return entries.flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return SKIPPED.has(e.name) ? [] : hieFilesBelow(cwd, rel);
    return e.isFile() && e.name.endsWith('.hie') ? [rel] : [];
  });
}
