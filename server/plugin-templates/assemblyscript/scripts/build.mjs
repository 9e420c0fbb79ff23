#!/usr/bin/env node
// `npm run build`: compile assembly/index.ts with the AssemblyScript compiler (a devDependency:
// run `npm install` once) into __NAME__.wasm, a core module. `--check` only says whether
// the compiler is installed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const asc = join(root, 'node_modules', '.bin', 'asc');
if (!existsSync(asc)) {
  console.error('the AssemblyScript compiler is not installed: run `npm install` first');
  process.exit(process.argv.includes('--check') ? 3 : 1);
}
if (process.argv.includes('--check')) {
  console.log(asc);
  process.exit(0);
}
// The minimal runtime collects garbage only when the plugin asks (`__collect()` per request).
const args = ['assembly/index.ts', '-O3', '--runtime', 'minimal', '-o', '__NAME__.wasm'];
console.log(`$ asc ${args.join(' ')}`);
const r = spawnSync(asc, args, { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(1);
console.log('built __NAME__.wasm');
