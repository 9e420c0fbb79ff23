import { programToJson } from '../../model/astJson';
import type { CliIO } from '../io';
import { prettyJson } from '../prettyJson';
import { loadSpec } from '../readSpec';
import { knownLibraries } from './knownLibraries';

/** `hielements parse <FILE>`: the AST as JSON, or the error messages (cli.md §4). */
export async function parseCommand(io: CliIO, file: string): Promise<number> {
  const spec = await loadSpec(io, file, await knownLibraries(io.cwd));
  const errors = spec.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    for (const d of errors) io.err(`error: ${d.message}\n`);
    return 1;
  }
  io.out(prettyJson(programToJson(spec.program, spec.lines)) + '\n');
  return 0;
}
