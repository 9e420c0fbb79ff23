#!/usr/bin/env node
// Builds dist/ at the repository root: what `npm pack` puts in the hielements package (run by `prepack`).
//   dist/hielements.js                    the CLI           (bin: hielements): starts dist/cli.js, the bundle,
//                                         with dist/cli.cache, V8's code cache of it (cliLoader.js, codeCache.js)
//   dist/hielements-language-server.js    the server        (bin: hielements-language-server)
//   dist/worker.js, dist/transpileJob.js  worker threads of the WASM plugin host
//   dist/*.wasm, dist/grammar/…           tree-sitter and the grammars (RUNTIME_ASSETS in serverBundle.js)
//   dist/node_modules/…                   jco-transpile and its dependencies (cannot be bundled)
// Everything else the commands need is bundled: the package has no dependencies to install.
'use strict';
const fs = require('node:fs');
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { REPO, SERVER, serverBuildOptions, copyServerAssets, copyImportedRuntimePackages, esbuild } = require('./serverBundle');

const DIST = path.join(REPO, 'dist');
const BINS = {
  cli: path.join(SERVER, 'src', 'cli', 'entry.ts'),
  'hielements-language-server': path.join(SERVER, 'src', 'lsp', 'main.ts'),
};
/** The `hielements` command starts cli.js with V8's code cache of it (cliLoader.js, codeCache.js). */
const CLI_LOADER = path.join(__dirname, 'cliLoader.js');

async function main() {
  fs.rmSync(DIST, { recursive: true, force: true });
  const missing = copyServerAssets(DIST);
  if (missing.length > 0) throw new Error(`missing files for the package: ${missing.join(', ')}`);
  const result = await esbuild.build(serverBuildOptions({ entryPoints: BINS, outdir: DIST, production: true, banner: '#!/usr/bin/env node' }));
  // cli.js is not a command: no `#!` line (the loader compiles it wrapped as a module)
  const cli = path.join(DIST, 'cli.js');
  fs.writeFileSync(cli, fs.readFileSync(cli, 'utf8').replace(/^#!.*\n/, ''));
  fs.copyFileSync(CLI_LOADER, path.join(DIST, 'hielements.js'));
  for (const bin of ['hielements', 'hielements-language-server']) fs.chmodSync(path.join(DIST, `${bin}.js`), 0o755);
  const copied = copyImportedRuntimePackages([result], DIST);
  const training = spawnSync(process.execPath, [path.join(__dirname, 'codeCache.js'), DIST], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (training.status !== 0) throw new Error(`writing the CLI's code cache failed (exit ${training.status ?? training.signal})`);
  console.log(`[package] dist/: ${fs.readdirSync(DIST).sort().join(' ')}${copied.length > 0 ? `; dist/node_modules: ${copied.join(' ')}` : ''}`);
}

main().catch((error) => {
  console.error(`[package] ${error.message}`);
  process.exit(1);
});
