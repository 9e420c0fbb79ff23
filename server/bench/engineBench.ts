import { spawnSync } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { evaluate } from '../src/eval/engine';
import type { EvalResult } from '../src/eval/types';
import { createBuiltinLibraries } from '../src/libraries/builtin';
import { LibraryRegistry } from '../src/libraries/library';
import { analyze } from '../src/model/analyze';
import { HieParser } from '../src/syntax/hieParser';
import { FileIndex } from '../src/workspace/fileIndex';
import { generatedWorkspace, SHARED } from './inputs';
import { realCodeBench } from './realCode/realCodeBench';
import { mb, median, ms, row, timeAsync } from './stats';

const REFERENCE_COLD_MS = 6324;
const CLI = path.resolve(__dirname, '..', 'src', 'cli', 'main.js');

/** The CLI's `run` in a fresh process: wall time, peak RSS (maxRSS, reported by the child) and the summary line. */
function coldCliRun(workspace: string, args: string[] = ['run', 'arch.hie']): { wallMs: number; maxRssBytes: number; summary: string } {
  const script = `require(${JSON.stringify(CLI)}).main(${JSON.stringify(args)}).then(() => process.stderr.write('maxRSS ' + process.resourceUsage().maxRSS + '\\n'))`;
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['-e', script], { cwd: workspace, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (child.error) throw child.error;
  const { stdout, stderr } = child;
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const rss = /maxRSS (\d+)/.exec(stderr);
  return { wallMs, maxRssBytes: rss ? Number(rss[1]) * 1024 : NaN, summary: stdout.split('\n').find((l) => l.startsWith('Summary:')) ?? '?' };
}

/** A Rust file the checks read (the first one below crates/). */
function someRustFile(workspace: string): string {
  const crates = path.join(workspace, 'crates');
  const first = readdirSync(crates).sort()[0];
  const dir = path.join(crates, first, 'src');
  const file = readdirSync(dir).sort().find((f) => f.endsWith('.rs') && statSync(path.join(dir, f)).isFile());
  if (!file) throw new Error(`no Rust file in ${dir}`);
  return path.join(dir, file);
}

const counts = (r: EvalResult): string => `${r.summary.total} checks: ${r.summary.passed} pass, ${r.summary.failed} fail, ${r.summary.errors} errors`;

/** Engine issue: cold `run`, peak memory, warm re-run after one changed file (invalidated in the index); then real code. */
export async function engineBench(): Promise<void> {
  const workspace = generatedWorkspace();
  console.log(`\ngenerated workspace (5,000 Rust + 2,000 Python files, 300 checks): ${workspace}`);

  const cold = coldCliRun(workspace);
  row('cold `hielements run` (new process, wall clock)', ms(cold.wallMs), `reference ${REFERENCE_COLD_MS.toLocaleString('en')} ms`);
  row('peak RSS of that process (maxRSS)', mb(cold.maxRssBytes), 'target ≤ 400 MB');
  row('its summary', cold.summary.replace('Summary: ', ''));

  const layout = path.resolve(__dirname, '..', '..', '..', 'test-fixtures', 'reference-layout');
  const selfRun = coldCliRun(layout, ['run', path.join(SHARED, 'reference', 'hielements.hie'), '-w', '.']);
  row('cold `run` of hielements.hie on test-fixtures/reference-layout', ms(selfRun.wallMs), 'reference 64.1 ms on its own tree');
  row('its summary', selfRun.summary.replace('Summary: ', ''));

  // in-process: one index and one set of libraries, as the language server keeps them
  const specText = readFileSync(path.join(workspace, 'arch.hie'), 'utf8');
  const parser = await HieParser.create();
  const tree = parser.parse(specText);
  const { program } = analyze(tree, specText, { knownLibraries: new Set(['files', 'python', 'rust']) });
  tree.delete();
  const registry = new LibraryRegistry();
  for (const lib of createBuiltinLibraries()) registry.register(lib);
  const index = new FileIndex(workspace);
  const options = { workspace: '.', index, registry, file: 'arch.hie' };
  const previous = process.cwd();
  process.chdir(workspace);
  try {
    const [first, firstMs] = await timeAsync(() => evaluate(program, options));
    row('cold run in-process (engine only, fresh index)', ms(firstMs), counts(first));

    const changed = someRustFile(workspace);
    const original = readFileSync(changed, 'utf8');
    const warm: number[] = [];
    try {
      for (let i = 0; i < 5; i++) {
        appendFileSync(changed, `\n// edited ${i}\n`);
        index.invalidate(changed);
        const [again, againMs] = await timeAsync(() => evaluate(program, options));
        if (again.summary.total !== first.summary.total) throw new Error('warm run differs from the cold run');
        warm.push(againMs);
      }
    } finally {
      writeFileSync(changed, original);
      index.invalidate(changed);
    }
    const warmMs = median(warm);
    row(`warm re-run after one changed file (median of ${warm.length})`, ms(warmMs), 'target ≤ 10% of cold');
    row('warm / cold (in-process cold)', `${((warmMs / firstMs) * 100).toFixed(1)} %`);
    row('warm / cold (new-process cold)', `${((warmMs / cold.wallMs) * 100).toFixed(1)} %`);
    row('peak RSS of this bench process so far', mb(process.resourceUsage().maxRSS * 1024));
  } finally {
    process.chdir(previous);
  }
  await realCodeBench();
}
