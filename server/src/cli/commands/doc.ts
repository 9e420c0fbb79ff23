import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Library, LibraryDoc } from '../../libraries/library';
import { renderCatalogJson, renderCatalogMarkdown, selectLibraries } from '../../libraries/docCatalog';
import { CliError, type CliIO } from '../io';
import { osErrorText } from '../readSpec';
import { openPluginHost, type CliDeps } from './libraryHost';
import { inDirectory } from './workingDirectory';

export interface DocOptions {
  workspace: string;
  format: string;
  output?: string;
  /** `-l a,b`: names to keep. */
  libraries?: string;
}

/** cli.md §6: output files must be relative and stay below the current directory. */
export function checkOutputPath(output: string): void {
  if (path.isAbsolute(output)) throw new CliError('Absolute paths are not allowed for output files. Use a relative path.');
  if (output.split(/[\\/]/).includes('..')) throw new CliError('Output path cannot contain parent directory references (..).');
}

/** `hielements doc` (cli.md §6): the catalogue of built-ins and configured plugins. */
export async function docCommand(io: CliIO, options: DocOptions, deps: CliDeps = {}): Promise<number> {
  if (options.output !== undefined) checkOutputPath(options.output);
  const { host, state } = await openPluginHost(io, path.resolve(io.cwd, options.workspace), deps, () => undefined);
  let docs: LibraryDoc[];
  try {
    docs = await inDirectory(io.cwd, () => Promise.all(state.registry.all().map(documentation)));
  } finally {
    await host.dispose();
  }
  const wanted = options.libraries?.split(',').map((n) => n.trim());
  const unknown = wanted?.filter((n) => !docs.some((d) => d.name === n)) ?? [];
  if (unknown.length > 0) {
    const available = docs.map((d) => d.name).sort().join(', ');
    throw new CliError(`unknown librar${unknown.length === 1 ? 'y' : 'ies'} ${unknown.map((n) => `'${n}'`).join(', ')} in --library; available: ${available}`);
  }
  const selected = selectLibraries(docs, wanted);
  const text = options.format === 'json' ? renderCatalogJson(selected) : renderCatalogMarkdown(selected);
  if (options.output === undefined) {
    io.out(text + '\n');
    return 0;
  }
  try {
    await writeFile(path.resolve(io.cwd, options.output), text);
  } catch (e) {
    throw new CliError(`Failed to write to '${options.output}': ${osErrorText(e)}`);
  }
  io.out(`Success Documentation written to '${options.output}'\n`);
  return 0;
}

/** A library whose documentation cannot be obtained still gets an entry that says why. */
async function documentation(lib: Library): Promise<LibraryDoc> {
  try {
    return await lib.doc();
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { name: lib.name, description: `Documentation unavailable: ${reason}`, version: '', functions: [], checks: [] };
  }
}
