#!/usr/bin/env node
// Runs every test suite, streams its output, and ends with the plain total CI reads:
// "N passed, M failed". Usage: node scripts/run-suites.js [--e2e] [--grammar]
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');

const ROOT = path.resolve(__dirname, '..');
const args = new Set(process.argv.slice(2));

/** Runs a command with inherited stdin, tees its output, and returns {status, output}. */
function run(command, cwd) {
  const result = spawnSync('bash', ['-c', command], { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: process.env });
  process.stdout.write(result.stdout || '');
  process.stderr.write(result.stderr || '');
  return { status: result.status ?? 1, output: (result.stdout || '') + (result.stderr || '') };
}

/** mocha's spec reporter closes with "  N passing (Ts)", "  N failing", "  N pending". */
function mochaCounts({ status, output }) {
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const num = (re) => Number((plain.match(re) || [0, 0])[1]);
  const passed = num(/^\s*(\d+) passing \(/m);
  const failed = num(/^\s*(\d+) failing\s*$/m) + num(/^\s*(\d+) pending\s*$/m);
  // a suite that crashed before reporting counts as one failure
  return status !== 0 && failed === 0 ? { passed, failed: 1 } : { passed, failed };
}

const suites = [
  { name: 'server (mocha)', run: () => mochaCounts(run('npx mocha', path.join(ROOT, 'server'))) },
  { name: 'client (mocha)', run: () => mochaCounts(run('npm test --silent', path.join(ROOT, 'client'))) },
];

if (args.has('--grammar')) {
  suites.push({
    name: 'grammar wasm is reproducible from the committed sources',
    run: () => {
      const out = path.join(os.tmpdir(), `hielements-grammar-${process.pid}.wasm`);
      const built = run(`scripts/grammar/build-wasm.sh ${out}`, ROOT);
      const same = built.status === 0 && fs.readFileSync(out).equals(fs.readFileSync(path.join(ROOT, 'server/grammar/tree-sitter-hielements.wasm')));
      console.log(same ? 'grammar wasm: identical to the committed file' : 'grammar wasm: DIFFERS from the committed file (run scripts/grammar/build-wasm.sh and commit)');
      return same ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
    },
  });
}

if (args.has('--e2e')) {
  suites.push({
    name: 'VS Code (code-server) end to end',
    run: () => {
      const packaged = run('npm run package -w client', ROOT);
      if (packaged.status !== 0) return { passed: 0, failed: 1 };
      const e2e = run('node scripts/e2e/code-server-e2e.js', ROOT);
      const line = e2e.output.split('\n').reverse().find((l) => l.startsWith('{"'));
      // each scenario reports its own named checks; a crash before the summary is one failure
      const result = line ? JSON.parse(line) : { passed: 0, failed: 1 };
      return { passed: result.passed || 0, failed: result.failed || (result.ok ? 0 : 1) };
    },
  });
}

let passed = 0;
let failed = 0;
for (const suite of suites) {
  console.log(`\n=== ${suite.name} ===`);
  const counts = suite.run();
  console.log(`=== ${suite.name}: ${counts.passed} passed, ${counts.failed} failed ===`);
  passed += counts.passed;
  failed += counts.failed;
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
