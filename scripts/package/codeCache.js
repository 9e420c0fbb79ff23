#!/usr/bin/env node
// Writes dist/cli.cache, the V8 code cache dist/hielements.js starts the CLI with (see scripts/package/cliLoader.js):
// runs the packaged CLI once in this process, as the command does, and saves the bytecode compiled by the end of the
// run. The run is `run` of the repository's copy of the reference spec on the reference layout: it parses,
// validates, checks statically and evaluates files and rust checks, which is what every command is made of.
// Usage (by scripts/package/build.js, in a process of its own): node codeCache.js DIST
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..');
const dist = path.resolve(process.argv[2]);
const { compileCli, runCli } = require(path.join(dist, 'hielements.js'));
const cache = path.join(dist, 'cli.cache');
fs.rmSync(cache, { force: true });
const script = compileCli();
if (!script) {
  console.log('[package] no code cache: this Node cannot run the CLI from a compiled script');
  process.exit(0);
}
const fixtures = path.join(REPO, 'test-fixtures');
process.argv = [process.argv[0], path.join(dist, 'cli.js'), 'run', path.join(fixtures, 'reference', 'hielements.hie'), '-w', path.join(fixtures, 'reference-layout')];
// the CLI prints its report and calls process.exit: the cache is taken then
process.on('exit', (code) => {
  if (code !== 0) {
    console.error(`[package] the code-cache run of the CLI exited ${code}: no cache written`);
    process.exitCode = 1;
    return;
  }
  fs.writeFileSync(cache, script.createCachedData());
});
runCli(script);
