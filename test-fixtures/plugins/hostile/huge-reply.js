#!/usr/bin/env node
'use strict';
// Answers every request with one huge line (argument 1: size in bytes, default 50 MB).
const { serve } = require('./common');

const size = Number(process.argv[2] || 50_000_000);
serve((request) => {
  const head = `{"jsonrpc":"2.0","result":{"Fail":"`;
  const tail = `"},"id":${request.id}}\n`;
  process.stdout.write(head + 'x'.repeat(Math.max(0, size - head.length - tail.length)) + tail);
});
