import { statSync } from 'node:fs';
import * as path from 'node:path';
import { parseCommandArgs, usageError, type OptionValues } from './args';
import { COMMANDS, USAGE, commandUsage } from './commandTable';
import type { CliDeps } from './commands/libraryHost';
import type { ReportFormat } from './formats/names';
import { CliError, processIO, type CliIO } from './io';
import { VERSION } from './version';

export type { CliDeps };
export { VERSION };

/**
 * Entry point of the `hielements` binary; resolves to the exit status. Commands are loaded
 * only when used (`--version` or a usage error loads no parser, engine or plugin host).
 */
export async function main(argv: string[], io: CliIO = processIO(), deps?: CliDeps): Promise<number> {
  try {
    return await dispatch(argv, io, deps);
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`error: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
}

/** `-w DIR` must name an existing folder (resolved against the current directory). */
function existingFolder(io: CliIO, dir: string): string {
  const abs = path.resolve(io.cwd, dir);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(abs).isDirectory();
  } catch {
    throw usageError(`workspace folder '${dir}' does not exist`);
  }
  if (!isDirectory) throw usageError(`workspace '${dir}' is not a folder`);
  return abs;
}

const str = (values: OptionValues, key: string): string | undefined => (typeof values[key] === 'string' ? (values[key] as string) : undefined);

async function dispatch(argv: string[], io: CliIO, deps: CliDeps | undefined): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-V') {
    io.out(`hielements ${VERSION}\n`);
    return 0;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (command === undefined) {
    io.err(USAGE);
    return 2;
  }
  // `plugin` has subcommands and options of its own
  if (command === 'plugin') {
    const { pluginCommand } = await import('./commands/plugin.js');
    return pluginCommand(rest, io);
  }
  const spec = COMMANDS[command];
  if (!spec) throw usageError(`unrecognized subcommand '${command}'; valid commands: ${Object.keys(COMMANDS).join(', ')} (see hielements --help)`);
  const { values, positional, positionals, help } = parseCommandArgs(command, spec, rest);
  if (help) {
    io.out(commandUsage(command, spec));
    return 0;
  }
  const file = positional as string;
  const getDeps = async (): Promise<CliDeps> => deps ?? (await import('./commands/libraryHost.js')).DEFAULT_DEPS;
  switch (command) {
    case 'check': {
      const workspace = str(values, 'workspace');
      const dir = workspace === undefined ? io.cwd : existingFolder(io, workspace);
      const { checkCommand } = await import('./commands/check.js');
      return checkCommand(io, { file, format: values.format as ReportFormat, workspaceDir: dir });
    }
    case 'parse': {
      const { parseCommand } = await import('./commands/parse.js');
      return parseCommand(io, file);
    }
    case 'run': {
      const limit = str(values, 'limit');
      if (limit !== undefined && !/^\d+$/.test(limit)) throw usageError(`invalid value '${limit}' for '--limit <N>': expected a whole number`);
      const workspace = str(values, 'workspace');
      if (workspace !== undefined) existingFolder(io, workspace);
      const { runCommand } = await import('./commands/run.js');
      return runCommand(
        io,
        {
          file,
          workspace,
          format: values.format as ReportFormat,
          dryRun: values['dry-run'] === true,
          verbose: values.verbose === true,
          filter: str(values, 'filter'),
          limit: limit === undefined ? undefined : Number(limit),
          patternChecks: values['pattern-checks'] === true,
          baseline: str(values, 'baseline'),
          writeBaseline: str(values, 'write-baseline'),
        },
        await getDeps(),
      );
    }
    case 'doc': {
      const workspace = String(values.workspace);
      existingFolder(io, workspace);
      const { docCommand } = await import('./commands/doc.js');
      return docCommand(io, { workspace, format: String(values.format), output: str(values, 'output'), libraries: str(values, 'library') }, await getDeps());
    }
    case 'init': {
      const { initCommand } = await import('./commands/init.js');
      return initCommand(io, file, String(values.directory));
    }
    case 'fmt': {
      const { fmtCommand } = await import('./commands/fmt.js');
      return fmtCommand(io, positionals, values.check === true);
    }
  }
  return 2;
}
