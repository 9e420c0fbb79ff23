#!/usr/bin/env node
// `npm test`: run `hielements run checks.hie --format json` in fixture/ and compare the
// results with fixture/expected.json. Exits 1 (and shows both) when they differ.
//
// Which hielements: $HIELEMENTS (a command, or a .js file run with node), else
// node_modules/.bin/hielements, else `hielements` on PATH.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixture = join(root, 'fixture');

function hielementsCommand() {
  const chosen = process.env.HIELEMENTS || (existsSync(join(root, 'node_modules', '.bin', 'hielements')) ? join(root, 'node_modules', '.bin', 'hielements') : 'hielements');
  return chosen.endsWith('.js') ? [process.execPath, chosen] : [chosen];
}

const [cmd, ...pre] = hielementsCommand();
const run = spawnSync(cmd, [...pre, 'run', 'checks.hie', '--format', 'json'], { cwd: fixture, encoding: 'utf8' });
if (run.error) {
  console.error(`cannot run hielements (${run.error.message}): install it, or set HIELEMENTS to its path`);
  process.exit(1);
}
if (run.stderr) process.stderr.write(run.stderr);

// What a result is: its check, element, status and message (a report may say more, e.g. where the check is).
const essentials = ({ check, element, message, status }) => ({ check, element, message, status });
let actual;
try {
  actual = JSON.parse(run.stdout).results.map(essentials);
} catch {
  console.error(`hielements exited with ${run.status} and printed no JSON report:\n${run.stdout}`);
  process.exit(1);
}
const expected = JSON.parse(readFileSync(join(fixture, 'expected.json'), 'utf8')).map(essentials);
const line = (r) => `${r.status.toUpperCase().padEnd(5)} ${r.element} :: ${r.check}${r.message ? ` -- ${r.message}` : ''}`;
const same = JSON.stringify(actual) === JSON.stringify(expected);
console.log((same ? actual : expected).map(line).join('\n'));
if (!same) {
  console.error('\nThe results differ from fixture/expected.json. Got:');
  console.error(actual.map(line).join('\n'));
  process.exit(1);
}
console.log(`\nok: ${actual.length} results as expected`);
