import { DOC_FORMATS, REPORT_FORMATS } from './formats/names';

/** One option of a command: how it parses, what it accepts, how `--help` shows it. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  default?: string | boolean;
  /** `<DIR>` in help and messages (string options). */
  value?: string;
  /** The values accepted; anything else is a usage error that lists them. */
  choices?: readonly string[];
  help: string;
}

export interface CommandSpec {
  summary: string;
  /** Positional argument (`doc` takes none). */
  positional?: string;
  /** The positional argument may be repeated (`fmt FILES…`). */
  variadic?: boolean;
  options: Record<string, OptionSpec>;
}

const format = (choices: readonly string[], fallback: string): OptionSpec => ({
  type: 'string',
  short: 'f',
  default: fallback,
  value: '<FORMAT>',
  choices,
  help: `${choices.join(', ')} (default: ${fallback})`,
});

const workspace = (help: string): OptionSpec => ({ type: 'string', short: 'w', value: '<DIR>', help });

/** Every command and option of `hielements`; parsing, validation and help are derived from it. */
export const COMMANDS: Record<string, CommandSpec> = {
  check: {
    summary: 'Parse and validate a .hie file',
    positional: '<FILE>',
    options: {
      workspace: workspace('where hielements.toml names the plugin libraries (default: .)'),
      format: format(REPORT_FORMATS, 'human'),
    },
  },
  run: {
    summary: 'Run the checks of a .hie file against a workspace',
    positional: '<FILE>',
    options: {
      workspace: workspace('workspace (default: the folder of FILE)'),
      format: format(REPORT_FORMATS, 'human'),
      'dry-run': { type: 'boolean', default: false, help: 'print the element tree instead of running' },
      verbose: { type: 'boolean', short: 'v', default: false, help: 'progress on stderr' },
      filter: { type: 'string', value: '<TEXT>', help: 'run only checks whose element path contains TEXT' },
      limit: { type: 'string', value: '<N>', help: 'run at most N checks' },
      'pattern-checks': { type: 'boolean', default: false, help: "also run implemented patterns' checks with the element's bindings" },
      baseline: { type: 'string', value: '<FILE>', help: 'known failures: only failures not in FILE fail the run; fixed entries are reported as stale' },
      'write-baseline': { type: 'string', value: '<FILE>', help: "record this run's failures in FILE (other .hie files' entries are kept)" },
    },
  },
  parse: { summary: 'Print the syntax tree of a .hie file as JSON', positional: '<FILE>', options: {} },
  doc: {
    summary: 'Print the documentation of the available libraries',
    options: {
      workspace: { ...workspace('where hielements.toml is read (default: .)'), default: '.' },
      format: format(DOC_FORMATS, 'markdown'),
      output: { type: 'string', short: 'o', value: '<FILE>', help: 'write to a file (relative path) instead of stdout' },
      library: { type: 'string', short: 'l', value: '<LIST>', help: 'comma-separated library names to keep' },
    },
  },
  fmt: {
    summary: 'Format .hie files (canonical indentation and spacing)',
    positional: '<FILES>...',
    variadic: true,
    options: { check: { type: 'boolean', default: false, help: 'write nothing; exit 1 when a file is not formatted (folders: every .hie below)' } },
  },
  plugin: {
    summary: 'Plugin authoring: `plugin new NAME --template T`, `plugin inspect FILE.wasm`',
    positional: '<new|inspect> <ARG>',
    options: {},
  },
  init: {
    summary: 'Create a new Hielements project',
    positional: '<PROJECT_NAME>',
    options: { directory: { type: 'string', short: 'd', default: '.', value: '<DIR>', help: 'where to create it (default: .)' } },
  },
};

/** `-w, --workspace <DIR>` as help shows it. */
export const optionFlags = (name: string, o: OptionSpec): string => `${o.short ? `-${o.short}, ` : ''}--${name}${o.value ? ` ${o.value}` : ''}`;

const columns = (rows: [string, string][]): string => {
  const width = Math.max(...rows.map(([a]) => a.length));
  return rows.map(([a, b]) => `  ${a.padEnd(width)}  ${b}`).join('\n');
};

export const USAGE = `Hielements: describe and check a codebase's architecture

Usage: hielements <COMMAND>

Commands:
${columns(Object.entries(COMMANDS).map(([name, c]): [string, string] => [name, c.summary]))}

Options:
  -h, --help     Print help
  -V, --version  Print version
`;

export function commandUsage(name: string, c: CommandSpec): string {
  const rows = Object.entries(c.options).map(([n, o]): [string, string] => [optionFlags(n, o), o.help]);
  const options = columns([...rows, ['-h, --help', 'Print help']]);
  return `${c.summary}\n\nUsage: hielements ${name}${c.positional ? ` ${c.positional}` : ''} [OPTIONS]\n\nOptions:\n${options}\n`;
}
