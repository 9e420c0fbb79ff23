import { setFlagsFromString } from 'node:v8';
import { main } from './main';
import { CLI_V8_FLAGS } from './v8Flags';

const NODE_MAJOR = Number(process.versions.node.split('.')[0]);
if (NODE_MAJOR >= 20 && NODE_MAJOR <= 24) for (const flag of CLI_V8_FLAGS) setFlagsFromString(flag);

/**
 * The `hielements` process (bin/hielements.js, and the entry of the packaged bundle). Fail
 * closed (trust.md §4): the exit status comes from `main` alone.
 * - The event loop is kept alive until `main` settles: plugin processes and workers are
 *   unref'd while idle, and a run must never end — silently, with exit 0 — before its results
 *   are printed and its exit status set. Should it ever run dry all the same, the process
 *   says so and exits 70.
 * - Once `main` is done, output is flushed and the process exits at once, whatever a plugin
 *   may have left behind.
 */
let settled = false;
process.on('exit', (code) => {
  if (settled || code !== 0) return;
  process.stderr.write('error: hielements stopped before its work was done\n');
  process.exitCode = 70;
});
const flushed = (stream: NodeJS.WriteStream): Promise<void> => new Promise((resolve) => stream.write('', () => resolve()));
const keepAlive = setInterval(() => undefined, 2 ** 30);
main(process.argv.slice(2))
  .then(
    (code) => code,
    (e: unknown) => {
      process.stderr.write(`error: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      return 2;
    },
  )
  .then(async (code) => {
    settled = true;
    process.exitCode = code;
    clearInterval(keepAlive);
    await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
    process.exit(code);
  });
