import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DATA, generatedHie, generatedWorkspace, REPO_ROOT, SHARED } from './inputs';
import { median, ms } from './stats';

/**
 * `npm run bench -- cli [--reference PATH]`: cold start of the packaged CLI (dist/hielements.js, what
 * `npm install -g` puts on PATH) on the shared generators' inputs, side by side with the reference
 * binary when one is given (`--reference PATH` or HIELEMENTS_REFERENCE), in one interleaved run.
 */

const PACKAGED_CLI = path.join(REPO_ROOT, 'dist', 'hielements.js');
const LAYOUT = path.join(REPO_ROOT, 'test-fixtures', 'reference-layout');

interface Command {
  argv: string[];
  cwd: string;
}

interface Sample {
  ms: number[];
  status: number | null;
  summary: string;
}

function once(c: Command): { ms: number; status: number | null; stdout: string } {
  const start = process.hrtime.bigint();
  const r = spawnSync(c.argv[0], c.argv.slice(1), { cwd: c.cwd, encoding: 'utf8', maxBuffer: 256 << 20 });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error) throw r.error;
  return { ms: elapsed, status: r.status, stdout: r.stdout };
}

/** Runs the commands in turn, `n` rounds (interleaved, so load changes hit all of them alike). */
function measure(commands: Command[], n: number): Sample[] {
  const samples: Sample[] = commands.map(() => ({ ms: [], status: null, summary: '' }));
  for (let round = 0; round < n; round++) {
    commands.forEach((c, i) => {
      const r = once(c);
      samples[i].ms.push(r.ms);
      samples[i].status = r.status;
      samples[i].summary = r.stdout.split('\n').find((l) => l.startsWith('Summary:') || l.startsWith('Finished')) ?? '';
    });
  }
  return samples;
}

interface Case {
  label: string;
  args: string[];
  cwd: string;
  rounds: number;
  /** Target: ours ≤ factor × (reference, or `node -e 0`). */
  factor: number;
  against: 'reference' | 'node';
}

function referenceBinary(args: string[]): string | undefined {
  const i = args.indexOf('--reference');
  const given = i >= 0 ? args[i + 1] : process.env.HIELEMENTS_REFERENCE;
  if (!given) return undefined;
  const bin = path.resolve(given);
  if (!existsSync(bin)) throw new Error(`reference binary ${bin} does not exist`);
  return bin;
}

const pad = (s: string, n: number): string => s.padEnd(n);
const padL = (s: string, n: number): string => s.padStart(n);

export async function cliBench(args: string[] = []): Promise<void> {
  if (!existsSync(PACKAGED_CLI)) throw new Error(`${PACKAGED_CLI} is missing: run \`node scripts/package/build.js\` (npm run bench does)`);
  const reference = referenceBinary(args);
  mkdirSync(DATA, { recursive: true });
  const twoLines = path.join(DATA, 'two-lines.hie');
  writeFileSync(twoLines, "element app:\n    check files.exists(files.folder_selector('.'), 'two-lines.hie')\n");
  const workspace = generatedWorkspace();
  const cases: Case[] = [
    { label: 'check of a 2-line file', args: ['check', twoLines], cwd: DATA, rounds: 21, factor: 2, against: 'node' },
    { label: 'check of the 5,000-line input', args: ['check', generatedHie(5000)], cwd: DATA, rounds: 11, factor: 8, against: 'reference' },
    {
      label: 'run of hielements.hie on the reference layout',
      args: ['run', path.join(SHARED, 'reference', 'hielements.hie'), '-w', '.'],
      cwd: LAYOUT,
      rounds: 11,
      factor: 7,
      against: 'reference',
    },
    { label: 'run of the generated workspace (300 checks)', args: ['run', 'arch.hie'], cwd: workspace, rounds: 3, factor: 0.4, against: 'reference' },
  ];
  console.log(`ours: node ${path.relative(REPO_ROOT, PACKAGED_CLI)} (the packaged CLI); medians of interleaved runs, wall clock, new process each`);
  console.log(reference ? `reference: ${reference}` : 'reference: not given (--reference PATH or HIELEMENTS_REFERENCE): ratios to it are not measured');
  console.log(`\n  ${pad('case', 48)}${padL('ours', 11)}${padL('reference', 11)}${padL('node -e 0', 11)}   ratio      target`);
  for (const c of cases) {
    const commands: Command[] = [{ argv: [process.execPath, PACKAGED_CLI, ...c.args], cwd: c.cwd }];
    if (reference) commands.push({ argv: [reference, ...c.args], cwd: c.cwd });
    if (c.against === 'node') commands.push({ argv: [process.execPath, '-e', '0'], cwd: c.cwd });
    const samples = measure(commands, c.rounds);
    const ours = median(samples[0].ms);
    const ref = reference ? median(samples[1].ms) : undefined;
    const node = c.against === 'node' ? median(samples[samples.length - 1].ms) : undefined;
    const base = c.against === 'node' ? node : ref;
    const ratio = base === undefined ? undefined : ours / base;
    const target = `≤ ${c.factor}× ${c.against === 'node' ? 'node -e 0' : 'reference'}`;
    const verdict = ratio === undefined ? 'not measured' : ratio <= c.factor ? 'holds' : 'MISSED';
    const cell = (v: number | undefined) => padL(v === undefined ? '—' : ms(v), 11);
    console.log(`  ${pad(c.label, 48)}${cell(ours)}${cell(ref)}${cell(node)}   ${pad(ratio === undefined ? '—' : `${ratio.toFixed(2)}×`, 8)}   ${target}: ${verdict}`);
    const agree = !reference || samples[0].status === samples[1].status;
    console.log(`  ${pad('', 48)}exit ${samples[0].status}${reference ? ` (reference ${samples[1].status}${agree ? '' : ' — DIFFERS'})` : ''}; ${samples[0].summary}`);
  }
}
