import { parseArgs } from 'node:util';
import type { CommandSpec } from './commandTable';
import { CliError } from './io';

export type OptionValues = Record<string, string | boolean | undefined>;

export interface ParsedCommand {
  values: OptionValues;
  /** The positional argument (undefined for commands without one). */
  positional?: string;
  /** Every positional argument (several only for a variadic command). */
  positionals: string[];
  help: boolean;
}

/** A command-line mistake: one line naming the problem and what is valid, exit 2. */
export const usageError = (message: string): CliError => new CliError(message, 2);

const optionList = (spec: CommandSpec): string =>
  [...Object.entries(spec.options).map(([name, o]) => (o.short ? `-${o.short}/--${name}` : `--${name}`)), '-h/--help'].join(', ');

const usageLine = (command: string, spec: CommandSpec): string => `usage: hielements ${command}${spec.positional ? ` ${spec.positional}` : ''} [OPTIONS]`;

/**
 * Parses the arguments of one command against its table entry: unknown options, missing
 * values, values outside an option's choices and wrong positional counts are usage errors.
 * Options may come before or after the positional argument (cli.md §1).
 */
export function parseCommandArgs(command: string, spec: CommandSpec, args: string[]): ParsedCommand {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; default?: string | boolean }> = {};
  for (const [name, o] of Object.entries(spec.options)) {
    options[name] = { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.default !== undefined ? { default: o.default } : {}) };
  }
  options.help = { type: 'boolean', short: 'h' };
  const { values, positionals, tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const o = token.name === 'help' ? { type: 'boolean' as const } : spec.options[token.name];
    if (!o) throw usageError(`unknown option '${token.rawName}' for 'hielements ${command}'; valid options: ${optionList(spec)}`);
    if (o.type === 'string' && token.value === undefined) {
      const hint = 'choices' in o && o.choices ? `one of ${o.choices.join(', ')}` : `a value ${'value' in o ? o.value : ''}`.trimEnd();
      throw usageError(`option '${token.rawName}' needs ${hint}`);
    }
    if (o.type === 'boolean' && token.inlineValue) throw usageError(`option '${token.rawName}' takes no value`);
  }
  for (const [name, o] of Object.entries(spec.options)) {
    const v = values[name];
    if (o.choices && typeof v === 'string' && !o.choices.includes(v)) {
      throw usageError(`invalid value '${v}' for '--${name}'; valid values: ${o.choices.join(', ')}`);
    }
  }
  const help = values.help === true;
  const [first, ...extra] = positionals;
  if (!help) {
    if (spec.positional === undefined && first !== undefined) throw usageError(`unexpected argument '${first}' (${usageLine(command, spec)})`);
    if (spec.positional !== undefined && first === undefined) throw usageError(`the required argument ${spec.positional} was not provided (${usageLine(command, spec)})`);
    if (extra.length > 0 && !spec.variadic) throw usageError(`unexpected argument '${extra[0]}' (${usageLine(command, spec)})`);
  }
  return { values: values as OptionValues, positional: first, positionals, help };
}
