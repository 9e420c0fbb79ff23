#!/usr/bin/env node
// `npm run build`: there is nothing to compile; this checks that python3 is there and that
// plugin.py compiles. `--check` only says whether python3 is there.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const probe = spawnSync('python3', ['--version'], { encoding: 'utf8' });
if (probe.error || probe.status !== 0) {
  console.error('python3 is not on PATH: install Python 3');
  process.exit(process.argv.includes('--check') ? 3 : 1);
}
if (process.argv.includes('--check')) {
  console.log(probe.stdout.trim());
  process.exit(0);
}
const r = spawnSync('python3', ['-c', 'import ast, sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])', 'plugin.py'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(1);
console.log('plugin.py: ok');
