/**
 * V8 flags for a short run (Node 20–24 know all three; an unknown flag would print a warning). The
 * language server, which lives long, keeps V8's defaults. entry.ts sets them first thing;
 * dist/hielements.js (scripts/package/cliLoader.js, V8_FLAGS) sets the same list before it compiles
 * the bundle, as V8 accepts a code cache only under the flags it was made with (a test compares them).
 * - `--liftoff-only`: V8's optimizing tier for WebAssembly compiles the tree-sitter parsers (the
 *   Rust grammar alone is 1.1 MB) while they run and rarely pays back before the process ends
 *   (measured: CPU of `run` on the reference layout halves, `check` of 5,000 lines drops by a
 *   quarter, the 300-check workspace costs 5 % more). The baseline compiler (Liftoff) is kept.
 * - `--semi-space-growth-factor=1`: the young generation keeps its first size (1 MiB semi-spaces)
 *   instead of doubling up to 16 MiB as a run allocates: fewer fresh pages, each a page fault,
 *   for a few more scavenges (`check` of 5,000 lines: 2,100 of 12,000 page faults fewer, -5 %
 *   wall time on the bench machine, where a fault costs ~12 µs). Newer V8s raise the factor to at
 *   least 2, where the flag then changes nothing.
 * - `--interrupt-budget=270336` (4× Node 20's default): JavaScript functions are optimized by
 *   TurboFan later. A short run used to spend its second core compiling functions it would
 *   barely run again, in fresh memory (`check` of 5,000 lines: CPU 530 → 390 ms, 2,400 page
 *   faults fewer); a long run (the 300-check workspace) still gets them optimized.
 * All three only tune how much work V8 does ahead; none changes what the code computes.
 */
export const CLI_V8_FLAGS = ['--liftoff-only', '--semi-space-growth-factor=1', '--interrupt-budget=270336'];
