#!/usr/bin/env node
// `npm run build`: `jco componentize` src/plugin.js into __NAME__.wasm, a WebAssembly component
// of world `plugin-fs` (wit/plugin.wit). jco is a devDependency: run `npm install` once.
// `--check` only says whether jco is installed.
//
// `--disable http fetch-event` leaves out the JS engine's fetch() (it would import wasi:http,
// which the host refuses: plugins get no network) and its HTTP server entry point (an
// exported wasi:http handler); stdio, clocks and random stay (stdout/stderr go to the log).
// Expect ~1 min, ~800 MB of memory and a ~13 MB component: it embeds the JS engine.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const jco = join(root, 'node_modules', '.bin', 'jco');
if (!existsSync(jco)) {
  console.error('jco is not installed: run `npm install` first');
  process.exit(process.argv.includes('--check') ? 3 : 1);
}
if (process.argv.includes('--check')) {
  console.log(jco);
  process.exit(0);
}
// #region build
const args = ['componentize', 'src/plugin.js', '--wit', 'wit', '--world-name', 'plugin-fs', '--disable', 'http', 'fetch-event', '-o', '__NAME__.wasm'];
// #endregion build
console.log(`$ jco ${args.join(' ')}`);
const r = spawnSync(jco, args, { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(1);
console.log('built __NAME__.wasm');
