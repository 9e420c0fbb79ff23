import { setFlagsFromString } from 'node:v8';
import { main } from './main';

/**
 * V8 flags for a short run (Node 20–24 have both; an unknown flag would print a warning). The
 * language server, which lives long, keeps V8's defaults. dist/hielements.js sets the same flags
 * before it compiles this bundle: V8 accepts a code cache only under the flags it was made with.
 * - `--liftoff-only`: V8's optimizing tier for WebAssembly compiles the tree-sitter parsers (the
 *   Rust grammar alone is 1.1 MB) while they run and rarely pays back before the process ends
 *   (measured: CPU of `run` on the reference layout halves, `check` of 5,000 lines drops by a
 *   quarter, the 300-check workspace costs 5 % more). The baseline compiler (Liftoff) is kept.
 * - `--semi-space-growth-factor=1`: the young generation keeps its first size (1 MiB semi-spaces)
 *   instead of doubling up to 16 MiB as a run allocates: fewer fresh pages, each a page fault,
 *   for a few more scavenges (`check` of 5,000 lines: 2,100 of 12,000 page faults fewer, -5 %
 *   wall time on the bench machine, where a fault costs ~12 µs).
 * - `--interrupt-budget=270336` (4× the default): JavaScript functions are optimized by
 *   TurboFan later. A short run used to spend its second core compiling functions it would
 *   barely run again, in fresh memory (`check` of 5,000 lines: CPU 530 → 390 ms, 2,400 page
 *   faults fewer); a long run (the 300-check workspace) still gets them optimized.
 * All three only tune how much work V8 does ahead; none changes what the code computes.
 */
export const CLI_V8_FLAGS = ['--liftoff-only', '--semi-space-growth-factor=1', '--interrupt-budget=270336'];
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
