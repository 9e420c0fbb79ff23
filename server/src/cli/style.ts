/**
 * Terminal styling of the human output (cli.md §1): only when stdout is a terminal, off with
 * `NO_COLOR` or `CLICOLOR=0`, forced by `CLICOLOR_FORCE`. Tests and pipes get plain text.
 */
export interface Style {
  ok(text: string): string;
  bad(text: string): string;
  warn(text: string): string;
  note(text: string): string;
  dim(text: string): string;
}

const identity = (text: string): string => text;
export const PLAIN: Style = { ok: identity, bad: identity, warn: identity, note: identity, dim: identity };

const sgr = (code: string) => (text: string) => `\x1b[${code}m${text}\x1b[0m`;
export const ANSI: Style = { ok: sgr('1;32'), bad: sgr('1;31'), warn: sgr('1;33'), note: sgr('1;36'), dim: sgr('2') };

export function styleFor(env: NodeJS.ProcessEnv, stdoutIsTerminal: boolean): Style {
  if (env.CLICOLOR_FORCE && env.CLICOLOR_FORCE !== '0') return ANSI;
  if (env.NO_COLOR !== undefined || env.CLICOLOR === '0') return PLAIN;
  return stdoutIsTerminal ? ANSI : PLAIN;
}
