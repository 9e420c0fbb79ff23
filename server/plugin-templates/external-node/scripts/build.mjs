#!/usr/bin/env node
// `npm run build`: there is nothing to compile; this checks plugin.mjs's syntax with
// `node --check`. `--check` only says whether the toolchain (node itself) is there.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (process.argv.includes('--check')) {
  console.log(`node ${process.version}`);
  process.exit(0);
}
const r = spawnSync(process.execPath, ['--check', 'plugin.mjs'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(1);
console.log('plugin.mjs: ok');
