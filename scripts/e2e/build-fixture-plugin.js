#!/usr/bin/env node
// Compiles test-fixtures/editor/plugins/deps.wat to deps.wasm with wabt (the committed .wasm is its output).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const WAT = path.resolve(__dirname, '..', '..', 'test-fixtures', 'editor', 'plugins', 'deps.wat');

require('wabt')().then((wabt) => {
  const module = wabt.parseWat(path.basename(WAT), fs.readFileSync(WAT, 'utf8'), { multi_value: true });
  const { buffer } = module.toBinary({});
  const out = WAT.replace(/\.wat$/, '.wasm');
  fs.writeFileSync(out, Buffer.from(buffer));
  console.log(`${path.relative(process.cwd(), out)}: ${buffer.length} bytes`);
});
