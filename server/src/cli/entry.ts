import { main } from './main';

/**
 * The `hielements` process (bin/hielements.js, and the entry of the packaged bundle).
 * The event loop is kept alive until `main` settles: plugin processes and workers are
 * unref'd while idle, and a run must never end — silently, with exit 0 — before its results
 * are printed and its exit status set (fail closed).
 */
const keepAlive = setInterval(() => undefined, 2 ** 30);
main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`error: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 2;
    },
  )
  .finally(() => clearInterval(keepAlive));
