#!/usr/bin/env node
// Builds client/dist/: the extension bundle, the extension's own copy of the language server (with the worker
// entries, .wasm files and runtime assets it reads: scripts/package/serverBundle.js, shared with the npm
// package), and the TextMate grammar. Usage: node build/bundle.js [--watch | --production]
//   --production: minified, no source maps, and strict: a missing server entry or .wasm file is an error
//   (a dev build only warns and skips the server bundle, so `npm run build` works before the server exists).
//   HIELEMENTS_SERVER_ENTRY=<file>  bundle another server entry (default: server/src/lsp/main.ts; relative = to the repo root)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { REPO, serverBuildOptions, copyServerAssets, copyImportedRuntimePackages, esbuild } = require('../../scripts/package/serverBundle');

const CLIENT = path.resolve(__dirname, '..');
const DIST = path.join(CLIENT, 'dist');
const DEFAULT_SERVER_ENTRY = path.join(REPO, 'server', 'src', 'lsp', 'main.ts');
// a relative HIELEMENTS_SERVER_ENTRY is relative to the repository root (npm -w runs scripts inside client/)
const SERVER_ENTRY = process.env.HIELEMENTS_SERVER_ENTRY
  ? path.resolve(REPO, process.env.HIELEMENTS_SERVER_ENTRY)
  : DEFAULT_SERVER_ENTRY;
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

function problem(text) {
  if (production) throw new Error(text);
  console.warn(`[bundle] warning: ${text}`);
}

async function main() {
  fs.rmSync(DIST, { recursive: true, force: true });
  fs.mkdirSync(DIST, { recursive: true });
  fs.copyFileSync(path.join(REPO, 'syntaxes', 'hielements.tmLanguage.json'), path.join(DIST, 'hielements.tmLanguage.json'));
  // the extension starts the server with HIELEMENTS_WASM_DIR = dist: every .wasm file flat there
  const missing = copyServerAssets(DIST, { flatGrammar: true });
  // the stub entry used to validate the harnesses needs no .wasm files
  if (missing.length > 0 && SERVER_ENTRY === DEFAULT_SERVER_ENTRY) {
    problem(`missing files for the bundled server: ${missing.join(', ')}`);
  }
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', sourcemap: !production, minify: production, keepNames: true };
  const builds = [{ ...common, entryPoints: [path.join(CLIENT, 'src', 'extension.ts')], outfile: path.join(DIST, 'extension.js'), external: ['vscode'] }];
  if (fs.existsSync(SERVER_ENTRY)) {
    builds.push(serverBuildOptions({ entryPoints: { server: SERVER_ENTRY }, outdir: DIST, production }));
  } else {
    problem(`server entry ${SERVER_ENTRY} does not exist: dist/server.js not built (build the server, or set HIELEMENTS_SERVER_ENTRY)`);
  }
  if (watch) {
    for (const options of builds) await (await esbuild.context(options)).watch();
    console.log('[bundle] watching client/src and the server sources');
    return;
  }
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  const copied = copyImportedRuntimePackages(results, DIST);
  if (copied.length > 0) console.log(`[bundle] dist/node_modules: ${copied.join(' ')}`);
  console.log(`[bundle] ${path.relative(REPO, DIST)}: ${fs.readdirSync(DIST).sort().join(' ')}`);
}

main().catch((error) => {
  console.error(`[bundle] ${error.message}`);
  process.exit(1);
});
