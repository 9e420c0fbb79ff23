import { parseArgs, type ParseArgsConfig } from 'node:util';
import { checkCommand } from './commands/check';
import { parseCommand } from './commands/parse';
import { docCommand } from './commands/doc';
import { fmtCommand } from './commands/fmt';
import { initCommand } from './commands/init';
import { DEFAULT_DEPS, knownLibraries, type CliDeps } from './commands/libraryHost';
import { pluginCommand } from './commands/plugin';
import { runCommand } from './commands/run';
import { CliError, processIO, type CliIO } from './io';

export type { CliDeps };

export const VERSION = '0.1.0';

type Options = NonNullable<ParseArgsConfig['options']>;

interface CommandSpec {
  summary: string;
  /** Positional argument (`doc` takes none). */
  positional?: string;
  /** The positional argument may be repeated (`fmt FILES…`). */
  variadic?: boolean;
  options: Options;
  /** Help line per option: `[flags, description]`. */
  help: [string, string][];
}

const COMMANDS: Record<string, CommandSpec> = {
  check: {
    summary: 'Parse and validate a .hie file',
    positional: '<FILE>',
    options: { format: { type: 'string', short: 'f', default: 'human' } },
    help: [['-f, --format <FORMAT>', 'human (default) or json']],
  },
  run: {
    summary: 'Run the checks of a .hie file against a workspace',
    positional: '<FILE>',
    options: {
      workspace: { type: 'string', short: 'w' },
      format: { type: 'string', short: 'f', default: 'human' },
      'dry-run': { type: 'boolean', default: false },
      verbose: { type: 'boolean', short: 'v', default: false },
      filter: { type: 'string' },
      limit: { type: 'string' },
      'pattern-checks': { type: 'boolean', default: false },
    },
    help: [
      ['-w, --workspace <DIR>', 'workspace (default: the folder of FILE)'],
      ['-f, --format <FORMAT>', 'human (default) or json'],
      ['--dry-run', 'print the element tree instead of running'],
      ['-v, --verbose', 'progress on stderr'],
      ['--filter <TEXT>', 'run only checks whose element path contains TEXT'],
      ['--limit <N>', 'run at most N checks'],
      ['--pattern-checks', "also run implemented patterns' checks with the element's bindings"],
    ],
  },
  parse: { summary: 'Print the syntax tree of a .hie file as JSON', positional: '<FILE>', options: {}, help: [] },
  doc: {
    summary: 'Print the documentation of the available libraries',
    options: {
      workspace: { type: 'string', short: 'w', default: '.' },
      format: { type: 'string', short: 'f', default: 'markdown' },
      output: { type: 'string', short: 'o' },
      library: { type: 'string', short: 'l' },
    },
    help: [
      ['-w, --workspace <DIR>', 'where hielements.toml is read (default: .)'],
      ['-f, --format <FORMAT>', 'markdown (default) or json'],
      ['-o, --output <FILE>', 'write to a file (relative path) instead of stdout'],
      ['-l, --library <LIST>', 'comma-separated library names to keep'],
    ],
  },
  fmt: {
    summary: 'Format .hie files (canonical indentation and spacing)',
    positional: '<FILES>...',
    variadic: true,
    options: { check: { type: 'boolean', default: false } },
    help: [['--check', 'write nothing; exit 1 when a file is not formatted (folders: every .hie below)']],
  },
  plugin: {
    summary: 'Plugin authoring: `plugin new NAME --template T`, `plugin inspect FILE.wasm`',
    positional: '<new|inspect> <ARG>',
    options: {},
    help: [],
  },
  init: {
    summary: 'Create a new Hielements project',
    positional: '<PROJECT_NAME>',
    options: { directory: { type: 'string', short: 'd', default: '.' } },
    help: [['-d, --directory <DIR>', 'where to create it (default: .)']],
  },
};

const columns = (rows: [string, string][]): string => {
  const width = Math.max(...rows.map(([a]) => a.length));
  return rows.map(([a, b]) => `  ${a.padEnd(width)}  ${b}`).join('\n');
};

const USAGE = `Hielements: describe and check a codebase's architecture

Usage: hielements <COMMAND>

Commands:
${columns(Object.entries(COMMANDS).map(([name, c]): [string, string] => [name, c.summary]))}

Options:
  -h, --help     Print help
  -V, --version  Print version
`;

function commandUsage(name: string, c: CommandSpec): string {
  const options = columns([...c.help, ['-h, --help', 'Print help']]);
  return `${c.summary}\n\nUsage: hielements ${name}${c.positional ? ` ${c.positional}` : ''} [OPTIONS]\n\nOptions:\n${options}\n`;
}

/** Entry point of the `hielements` binary; resolves to the exit status. */
export async function main(argv: string[], io: CliIO = processIO(), deps: CliDeps = DEFAULT_DEPS): Promise<number> {
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

async function dispatch(argv: string[], io: CliIO, deps: CliDeps): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-V') {
    io.out(`hielements ${VERSION}\n`);
    return 0;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return 0;
  }
  // `plugin` has subcommands and options of its own
  if (command === 'plugin') return pluginCommand(rest, io);
  const spec = command ? COMMANDS[command] : undefined;
  if (!spec) {
    io.err(command ? `error: unrecognized subcommand '${command}'\n\n${USAGE}` : USAGE);
    return 2;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: { ...spec.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    io.err(`error: ${(e as Error).message}\n`);
    return 2;
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) {
    io.out(commandUsage(command, spec));
    return 0;
  }
  const positional = spec.positional;
  const [file, ...extra] = parsed.positionals;
  if (positional === undefined ? file !== undefined : file === undefined || (extra.length > 0 && !spec.variadic)) {
    const unexpected = positional === undefined ? file : extra[0];
    io.err(`error: ${unexpected !== undefined ? `unexpected argument '${unexpected}'` : `the required argument ${positional} was not provided`}\n`);
    return 2;
  }
  const str = (key: string): string | undefined => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  switch (command) {
    case 'check':
      return checkCommand(io, file, String(values.format), await knownLibraries(io.cwd));
    case 'parse':
      return parseCommand(io, file, await knownLibraries(io.cwd));
    case 'run': {
      const limit = str('limit');
      if (limit !== undefined && !/^\d+$/.test(limit)) {
        io.err(`error: invalid value '${limit}' for '--limit <LIMIT>': invalid digit found in string\n`);
        return 2;
      }
      return runCommand(
        io,
        {
          file,
          workspace: str('workspace'),
          format: String(values.format),
          dryRun: values['dry-run'] === true,
          verbose: values.verbose === true,
          filter: str('filter'),
          limit: limit === undefined ? undefined : Number(limit),
          patternChecks: values['pattern-checks'] === true,
        },
        deps,
      );
    }
    case 'doc':
      return docCommand(io, { workspace: String(values.workspace), format: String(values.format), output: str('output'), libraries: str('library') }, deps);
    case 'init':
      return initCommand(io, file, String(values.directory));
    case 'fmt':
      return fmtCommand(io, parsed.positionals, values.check === true);
  }
  return 2;
}
