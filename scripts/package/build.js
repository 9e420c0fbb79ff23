#!/usr/bin/env node
// Builds dist/ at the repository root: what `npm pack` puts in the hielements package (run by `prepack`).
//   dist/hielements.js                    the CLI           (bin: hielements)
//   dist/hielements-language-server.js    the server        (bin: hielements-language-server)
//   dist/worker.js, dist/transpileJob.js  worker threads of the WASM plugin host
//   dist/*.wasm, dist/grammar/…           tree-sitter and the grammars (RUNTIME_ASSETS in serverBundle.js)
//   dist/node_modules/…                   jco-transpile and its dependencies (cannot be bundled)
// Everything else the commands need is bundled: the package has no dependencies to install.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { REPO, SERVER, serverBuildOptions, copyServerAssets, copyImportedRuntimePackages, esbuild } = require('./serverBundle');

const DIST = path.join(REPO, 'dist');
const BINS = {
  hielements: path.join(SERVER, 'src', 'cli', 'entry.ts'),
  'hielements-language-server': path.join(SERVER, 'src', 'lsp', 'main.ts'),
};

async function main() {
  fs.rmSync(DIST, { recursive: true, force: true });
  const missing = copyServerAssets(DIST);
  if (missing.length > 0) throw new Error(`missing files for the package: ${missing.join(', ')}`);
  const result = await esbuild.build(serverBuildOptions({ entryPoints: BINS, outdir: DIST, production: true, banner: '#!/usr/bin/env node' }));
  for (const bin of Object.keys(BINS)) fs.chmodSync(path.join(DIST, `${bin}.js`), 0o755);
  const copied = copyImportedRuntimePackages([result], DIST);
  console.log(`[package] dist/: ${fs.readdirSync(DIST).sort().join(' ')}${copied.length > 0 ? `; dist/node_modules: ${copied.join(' ')}` : ''}`);
}

main().catch((error) => {
  console.error(`[package] ${error.message}`);
  process.exit(1);
});
