// Test plugin: proves that it ran by writing ran.txt next to hielements.toml, then fails every check.
'use strict';
const fs = require('node:fs');
const readline = require('node:readline');

fs.writeFileSync('ran.txt', `started at ${new Date().toISOString()}\n`);
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const request = JSON.parse(line);
  process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: request.id, result: { Fail: 'the plugin ran' } }) + '\n');
});
