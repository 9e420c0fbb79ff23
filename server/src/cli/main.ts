import { parseArgs, type ParseArgsConfig } from 'node:util';
import { checkCommand } from './commands/check';
import { parseCommand } from './commands/parse';
import { CliError, processIO, type CliIO } from './io';
import { BUILTIN_LIBRARY_NAMES } from '../libraries/builtinNames';

export const VERSION = '0.1.0';

const USAGE = `Hielements: describe and check a codebase's architecture

Usage: hielements <COMMAND>

Commands:
  check  Parse and validate a .hie file
  run    Run the checks of a .hie file against a workspace
  parse  Print the syntax tree of a .hie file as JSON
  doc    Print the documentation of the available libraries
  init   Create a new Hielements project

Options:
  -h, --help     Print help
  -V, --version  Print version
`;

type Options = NonNullable<ParseArgsConfig['options']>;

const COMMAND_OPTIONS: Record<string, Options> = {
  check: { format: { type: 'string', short: 'f', default: 'human' } },
  parse: {},
};

/** Entry point of the `hielements` binary; resolves to the exit status. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`error: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
}

async function dispatch(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-V') {
    io.out(`hielements ${VERSION}\n`);
    return 0;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return 0;
  }
  const options = command ? COMMAND_OPTIONS[command] : undefined;
  if (!options) {
    io.err(command ? `error: unrecognized subcommand '${command}'\n\n${USAGE}` : USAGE);
    return 2;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    io.err(`error: ${(e as Error).message}\n`);
    return 2;
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) {
    io.err(`error: ${file ? `unexpected argument '${extra[0]}'` : 'the required argument <FILE> was not provided'}\n`);
    return 2;
  }
  const known = new Set(BUILTIN_LIBRARY_NAMES);
  switch (command) {
    case 'check':
      return checkCommand(io, file, String(values.format), known);
    case 'parse':
      return parseCommand(io, file, known);
  }
  return 2;
}
