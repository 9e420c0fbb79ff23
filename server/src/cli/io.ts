import { styleFor, type Style } from './style';

/** Where a command writes; tests capture it, `main` binds it to the process streams. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Current directory commands resolve relative paths against. */
  cwd: string;
  /** Styling of human output; plain when absent. */
  style?: Style;
}

export const processIO = (): CliIO => ({
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  style: styleFor(process.env, process.stdout.isTTY === true),
});

/** A usage or I/O failure: message on stderr, exit 2. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}
