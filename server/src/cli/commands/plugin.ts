import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CliIO } from '../io';
import { listTemplates } from '../plugin/templates';
import { pluginInspectCommand } from './pluginInspect';
import { pluginNewCommand } from './pluginNew';

/** `hielements plugin new|inspect …`: the plugin author's commands. */

const USAGE = `Plugin authoring: scaffold a plugin project, or describe a built plugin

Usage: hielements plugin new <NAME> --template <TEMPLATE> [-d <DIR>]
       hielements plugin inspect <FILE.wasm> [--format json]

Commands:
  new      Create a standalone plugin project (build script, a selector and a check, a fixture, npm test)
  inspect  Show a WASM plugin's format, exports, imports, the capabilities they need, what the host refuses, and its docs
`;

export async function pluginCommand(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    (sub === undefined ? io.err : io.out)(USAGE + (sub === undefined ? '' : await templateList()));
    return sub === undefined ? 2 : 0;
  }
  const options: NonNullable<ParseArgsConfig['options']> =
    sub === 'new'
      ? { template: { type: 'string', short: 't' }, directory: { type: 'string', short: 'd' }, help: { type: 'boolean', short: 'h' } }
      : { format: { type: 'string', short: 'f', default: 'human' }, help: { type: 'boolean', short: 'h' } };
  if (sub !== 'new' && sub !== 'inspect') {
    io.err(`error: unrecognized subcommand '${sub}'\n\n${USAGE}`);
    return 2;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (e) {
    io.err(`error: ${(e as Error).message}\n`);
    return 2;
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) {
    io.out(USAGE + (sub === 'new' ? await templateList() : ''));
    return 0;
  }
  const [arg, ...extra] = parsed.positionals;
  if (arg === undefined || extra.length > 0) {
    io.err(`error: ${arg === undefined ? `the required argument ${sub === 'new' ? '<NAME>' : '<FILE.wasm>'} was not provided` : `unexpected argument '${extra[0]}'`}\n`);
    return 2;
  }
  if (sub === 'new') return pluginNewCommand(io, arg, values.template as string | undefined, values.directory as string | undefined);
  const format = String(values.format);
  if (format !== 'human' && format !== 'json') {
    io.err(`error: invalid value '${format}' for '--format <FORMAT>': human or json\n`);
    return 2;
  }
  return pluginInspectCommand(io, arg, format);
}

async function templateList(): Promise<string> {
  const templates = await listTemplates();
  const width = Math.max(...templates.map((t) => t.name.length));
  return `\nTemplates (--template):\n${templates.map((t) => `  ${t.name.padEnd(width)}  ${t.summary}`).join('\n')}\n`;
}
