#!/usr/bin/env node
// Exit status comes from main() alone. If the event loop ever ran dry before main() finished,
// Node would exit 0 with nothing printed: fail closed instead (trust.md §4). Once main() is
// done, flush and exit at once, whatever a plugin may have left behind.
let settled = false;
process.on('exit', (code) => {
  if (settled || code !== 0) return;
  process.stderr.write('error: hielements stopped before its work was done\n');
  process.exitCode = 70;
});
const flushed = (stream) => new Promise((resolve) => stream.write('', () => resolve()));
require('../out/src/cli/main.js')
  .main(process.argv.slice(2))
  .then(async (code) => {
    settled = true;
    process.exitCode = code;
    await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
    process.exit(code);
  });
