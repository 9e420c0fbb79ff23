import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from './inputs';
import { median, row } from './stats';

/**
 * `hielements run` of two checks through the JS example component (plugins/examples/js-deps),
 * as a user runs it: a new process each time. "first" has an empty component cache (a fresh
 * TMPDIR, so the component is transpiled), "warm" reuses it. HIELEMENTS_BENCH_CLI points at
 * another build of the CLI (e.g. an older one) to compare.
 */

const ROUNDS = 3;

export function jsRunBench(): void {
  const cli = process.env.HIELEMENTS_BENCH_CLI ?? path.join(REPO_ROOT, 'server', 'bin', 'hielements.js');
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'hie-jsrun-'));
  const ws = path.join(base, 'ws');
  fs.mkdirSync(ws);
  const wasm = path.join(REPO_ROOT, 'plugins', 'examples', 'js-deps', 'deps.wasm');
  fs.writeFileSync(path.join(ws, 'hielements.toml'), `[libraries]\ndeps = { path = ${JSON.stringify(wasm)}, capabilities = { fs = "read" } }\n`);
  fs.writeFileSync(path.join(ws, 'package.json'), '{"dependencies":{"lodash":"4"}}\n');
  fs.writeFileSync(path.join(ws, 'arch.hie'), "import deps\n\nelement app {\n    check deps.forbids('lodash')\n    check deps.requires('lodash')\n}\n");
  // CPU time (user + sys, all threads) says more than wall time on a busy machine; GNU time measures it
  const timeBin = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const cpuFile = path.join(base, 'cpu.txt');
  const once = (tmp: string): { wall: number; cpu?: number } => {
    const t = process.hrtime.bigint();
    const [cmd, args] = timeBin ? [timeBin, ['-o', cpuFile, '-f', '%U %S', process.execPath, cli, 'run', 'arch.hie']] : [process.execPath, [cli, 'run', 'arch.hie']];
    const r = spawnSync(cmd, args, { cwd: ws, env: { ...process.env, TMPDIR: tmp }, encoding: 'utf8' });
    const wall = Number(process.hrtime.bigint() - t) / 1e6;
    if (!r.stdout.includes('Summary: 2 total, 1 passed, 1 failed, 0 errors')) throw new Error(`unexpected run output:\n${r.stdout}${r.stderr}`);
    const cpu = timeBin ? fs.readFileSync(cpuFile, 'utf8').trim().split('\n').pop()!.split(' ').reduce((n, x) => n + Number(x) * 1000, 0) : undefined;
    return { wall, cpu };
  };
  const first: Array<{ wall: number; cpu?: number }> = [];
  const warm: Array<{ wall: number; cpu?: number }> = [];
  try {
    for (let i = 0; i < ROUNDS; i++) {
      const tmp = fs.mkdtempSync(path.join(base, 'tmp-'));
      first.push(once(tmp));
      warm.push(once(tmp), once(tmp));
    }
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
  const minMed = (xs: number[]) => `${Math.min(...xs).toFixed(0)} / ${median(xs).toFixed(0)} ms`;
  const fmt = (runs: Array<{ wall: number; cpu?: number }>) =>
    minMed(runs.map((r) => r.wall)) + (runs[0].cpu === undefined ? '' : `, CPU ${minMed(runs.map((r) => r.cpu!))}`);
  console.log(`\nJS component, \`hielements run\` of 2 checks (plugins/examples/js-deps; wall (and CPU) min / median of ${ROUNDS} and ${ROUNDS * 2} runs${process.env.HIELEMENTS_BENCH_CLI ? `; CLI ${cli}` : ''})`);
  row('first run, empty component cache', fmt(first), 'target ≤ 2 s');
  row('warm run', fmt(warm), 'target ≤ 0.5 s');
}
