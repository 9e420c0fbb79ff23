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
  const once = (tmp: string): number => {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [cli, 'run', 'arch.hie'], { cwd: ws, env: { ...process.env, TMPDIR: tmp }, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (!r.stdout.includes('Summary: 2 total, 1 passed, 1 failed, 0 errors')) throw new Error(`unexpected run output:\n${r.stdout}${r.stderr}`);
    return ms;
  };
  const first: number[] = [];
  const warm: number[] = [];
  try {
    for (let i = 0; i < ROUNDS; i++) {
      const tmp = fs.mkdtempSync(path.join(base, 'tmp-'));
      first.push(once(tmp));
      warm.push(once(tmp), once(tmp));
    }
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
  const fmt = (xs: number[]) => `${Math.min(...xs).toFixed(0)} / ${median(xs).toFixed(0)} ms`;
  console.log(`\nJS component, \`hielements run\` of 2 checks (plugins/examples/js-deps; min / median of ${ROUNDS} and ${ROUNDS * 2} runs${process.env.HIELEMENTS_BENCH_CLI ? `; CLI ${cli}` : ''})`);
  row('first run, empty component cache', fmt(first), 'target ≤ 2 s');
  row('warm run', fmt(warm), 'target ≤ 0.5 s');
}
